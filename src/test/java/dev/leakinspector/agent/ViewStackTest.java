package dev.leakinspector.agent;

import dev.leakinspector.precision.ProgramViews;
import org.junit.jupiter.api.Test;

import java.util.List;
import javax.swing.JPanel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewStackTest {
    @Test
    void crumbsReadFromTheWindowDownAndPrefixesAreShared() {
        ViewStack form = ViewStack.of("Stage \"Preferences\"").then("Scene").then("BorderPane").then("VBox#form");
        ViewStack table = form.then("TableView#orders");

        assertEquals(List.of("Stage \"Preferences\"", "Scene", "BorderPane", "VBox#form"), form.crumbs());
        assertEquals("Stage \"Preferences\" › Scene › BorderPane › VBox#form › TableView#orders", table.toString());
    }

    @Test
    void aCrumbHasItsPartsInTheOrderTheSessionReadsThem() {
        assertEquals("VBox#form.invoice-page \"Invoices\"", ViewStack.crumb("VBox", "form", "invoice-page", "Invoices"));
        assertEquals("JPanel", ViewStack.crumb("JPanel", null, "", " "));
        assertEquals("JPanel \"Invoices\"", ViewStack.crumb("JPanel", null, null, "Invoices"));
    }

    @Test
    void namesCannotSplitACrumbAndAreBoundedInLength() {
        assertEquals("JPanel#main_panel \"say 'hi' twice\"", ViewStack.crumb("JPanel", "main panel", null, "say \"hi\"\ntwice"));
        assertEquals("VBox#a_b_c", ViewStack.crumb("VBox", "a#b.c", null, null));
        String longTitle = "x".repeat(500);
        String crumb = ViewStack.crumb("JDialog", null, null, longTitle);
        assertTrue(crumb.length() <= "JDialog \"\"".length() + ViewStack.MAX_NAME_LENGTH, crumb);
        assertTrue(crumb.endsWith("\u2026\""), "a cut is marked: " + crumb);
    }

    @Test
    void theProgramsOwnClassIsNamedAndTheToolkitsAndTheAgentsAreNot() {
        assertEquals("ProgramViews", ViewStack.programClassName(ProgramViews.class));
        assertEquals("ProgramViews", ViewStack.programClassName(ProgramViews.anonymousPanel().getClass()));
        assertEquals("InvoicesPage", ViewStack.programClassName(ProgramViews.invoicesPage().getClass()),
                "a class nested in another is named itself");
        Runnable lambda = () -> { };
        assertNull(ViewStack.programClassName(lambda.getClass()), "the agent's package: " + lambda.getClass().getName());
        assertNull(ViewStack.programClassName(ViewStackTest.class));
        assertNull(ViewStack.programClassName(JPanel.class));
        assertNull(ViewStack.programClassName(String.class));
    }

    @Test
    void anAnonymousSubclassOfAToolkitClassIsNamedAfterTheProgramClassItIsWrittenIn() {
        assertEquals("ProgramViews$JPanel", ViewStack.typeName(ProgramViews.anonymousPanel().getClass()));
        assertEquals("JPanel", ViewStack.typeName(new JPanel() { }.getClass()), "written in the agent's package");
        assertEquals("JPanel", ViewStack.typeName(JPanel.class));
        assertEquals("InvoicesPage", ViewStack.typeName(ProgramViews.invoicesPage().getClass()));
    }

    @Test
    void programClassNamesOfLambdasAndLocalClassesAreTheirDeclaringClass() throws Exception {
        Class<?> lambdaInProgram = Class.forName(ProgramViews.class.getName() + "$OrdersController");
        assertEquals("OrdersController", ViewStack.programClassName(lambdaInProgram));
        assertEquals("OrdersController", ViewStack.programClassName(
                ProgramViews.ordersControllerPage().getComponent(1).getListeners(java.awt.event.ActionListener.class)[0].getClass()));
    }
}
