package dev.leakinspector.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Pattern 16: two pages of one tab pane. The invoices page and the customers page are different classes
 * that build their views from the same container types (a {@code VBox} with a toolbar {@code HBox} and a
 * list), shown in the tabs "Invoices" and "Customers". "Reload" rebuilds both views; each page keeps
 * its previous view "for Back", and the pages live in an app-wide registry, as a sample browser's do.
 * Two reports, and their view stacks must tell the pages apart (the page's class or the tab's title),
 * though both views are a {@code VBox} in a tab. Use on the JavaFX thread.
 */
final class TabbedPagesPattern extends DemoPattern {
    TabbedPagesPattern() {
        super("16", "Two pages of one tab pane", ExpectedOutcome.TWO_REPORTS_TOLD_APART,
                "\"Reload\" rebuilds the Invoices and Customers tabs; each page keeps its previous view for "
                        + "\"Back\". Both views are a VBox with the same containers: the two reports must "
                        + "still say which page each one is.");
    }

    @Override
    protected void populate(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        root.setCenter(null);
        window.form().setPrefWidth(190);
        root.setLeft(window.form());
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Page page : PageRegistry.pages().values()) {
            tabs.getTabs().add(new Tab(page.title(), page.build()));
        }
        root.setCenter(tabs);
        window.addStep("reload", "Reload", DemoScript.SHOW_FOR, () -> {
            for (Tab tab : tabs.getTabs()) {
                Page page = PageRegistry.pages().get(tab.getText());
                page.keepForBack(tab.getContent());
                tab.setContent(page.build());
            }
        });
    }

    /**
     * A page of the app: builds its view and keeps the previous one. It never refers to a view that is
     * on screen (that would keep the whole window through the view's scene), only to the one it replaced.
     */
    abstract static class Page {
        private Node previous;

        abstract String title();

        abstract Node build();

        void keepForBack(Node view) {
            previous = view;
        }

        boolean canGoBack() {
            return previous != null;
        }

        /** The shape both pages share: a VBox with a toolbar and a list. */
        static VBox view(String heading, String... rows) {
            HBox toolbar = new HBox(8, new Label(heading));
            return new VBox(6, toolbar, new ListView<>(FXCollections.observableArrayList(rows)));
        }
    }

    static final class InvoicesPage extends Page {
        @Override
        String title() {
            return "Invoices";
        }

        @Override
        Node build() {
            return view("Open invoices", "INV-1001  \u00a3 12.50", "INV-1002  \u00a3 7.00");
        }
    }

    static final class CustomersPage extends Page {
        @Override
        String title() {
            return "Customers";
        }

        @Override
        Node build() {
            return view("All customers", "Ada Lovelace", "Charles Babbage");
        }
    }

    /** The app's pages by tab title, built once and kept for the life of the program. */
    static final class PageRegistry {
        private static final Map<String, Page> PAGES = new LinkedHashMap<>();

        static {
            for (Page page : new Page[] {new InvoicesPage(), new CustomersPage()}) {
                PAGES.put(page.title(), page);
            }
        }

        private PageRegistry() {
        }

        static Map<String, Page> pages() {
            return PAGES;
        }
    }
}
