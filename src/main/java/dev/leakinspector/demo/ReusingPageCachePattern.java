package dev.leakinspector.demo;

import java.util.HashMap;
import java.util.Map;

import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Pattern 6c: a page cache that reuses. The window swaps its products page out for the basket page and
 * keeps it in a map of its own; a few seconds later it shows the very same products page again. The
 * page is retained while it waits (RETAINED: a cache, not a leak), then displayed again (→ REUSED).
 * The cache belongs to the window and is emptied when it closes. Use on the JavaFX thread.
 */
final class ReusingPageCachePattern extends DemoPattern {
    /** How long the products page stays up again before the script closes the window. */
    static final Duration SHOWN_AGAIN_FOR = Duration.seconds(1);

    ReusingPageCachePattern() {
        super("6c", "Page cache that reuses", ExpectedOutcome.RETAINED_THEN_REUSED,
                "\"Basket\" swaps the products page out for the basket and keeps it in this window's page map; "
                        + "\"Products\" shows the very same page again. Kept, then reused: a cache, not a leak.");
    }

    @Override
    protected void populate(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        root.setCenter(null);
        window.form().setPrefWidth(190);
        root.setLeft(window.form());
        PageSwitcher pages = new PageSwitcher(root);
        pages.show("products");
        window.addStep("show-basket", "Basket", DemoScript.SHOW_FOR, () -> pages.show("basket"));
        window.addStep("show-products-again", "Products", AFTER_REPORT, () -> pages.show("products"));
        window.setScriptCloseAfter(SHOWN_AGAIN_FOR);
        window.setCloseBehaviour(pages::forgetAll);
    }

    /** Shows one page at a time in the centre; builds each page once and keeps it for the next time. */
    static final class PageSwitcher {
        private final BorderPane root;
        private final Map<String, Node> built = new HashMap<>();

        PageSwitcher(BorderPane root) {
            this.root = root;
        }

        void show(String name) {
            root.setCenter(built.computeIfAbsent(name, PageSwitcher::build));
        }

        /** The window closed: its pages go with it. */
        void forgetAll() {
            built.clear();
        }

        private static Node build(String name) {
            return name.equals("products") ? new ProductsPage() : new BasketPage();
        }
    }

    /** The page that is cached, then shown again. */
    static final class ProductsPage extends VBox {
        ProductsPage() {
            super(8, new Label("Products"), new ListView<>(FXCollections.observableArrayList(
                    "Tea", "Cups", "Teapot", "Strainer")));
        }
    }

    /** The page shown meanwhile. */
    static final class BasketPage extends VBox {
        BasketPage() {
            super(8, new Label("Basket"), new TextArea("2 \u00d7 Tea"));
        }
    }
}
