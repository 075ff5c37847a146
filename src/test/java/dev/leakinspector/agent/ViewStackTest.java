package dev.leakinspector.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ViewStackTest {
    @Test
    void crumbsReadFromTheWindowDownAndPrefixesAreShared() {
        ViewStack form = ViewStack.of("Stage \"Preferences\"").then("Scene").then("BorderPane").then("VBox#form");
        ViewStack table = form.then("TableView#orders");

        assertEquals(List.of("Stage \"Preferences\"", "Scene", "BorderPane", "VBox#form"), form.crumbs());
        assertEquals("Stage \"Preferences\" › Scene › BorderPane › VBox#form › TableView#orders", table.toString());
    }
}
