package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Patterns 6 and 6b: a single-window app swaps the page in the centre of its {@link BorderPane}.
 * In 6 (LEAK) the old page is kept in an app-wide static cache: the page leaks, not the window. In
 * 6b (NONE) the old page is moved into the window's history column half a second later: moved, not
 * dropped. The orders page has a long list, scrolled while shown, whose recycled cells must not be
 * reported. Use on the JavaFX thread.
 */
final class SwappedPagePattern extends DemoPattern {
    /** Half a second: well inside the 2 s grace period. */
    static final Duration MOVE_AFTER = Duration.millis(500);

    private final boolean moved;

    SwappedPagePattern(boolean moved) {
        super(moved ? "6b" : "6",
                moved ? "Moved page" : "Swapped-out page",
                moved ? ExpectedOutcome.NONE : ExpectedOutcome.LEAK,
                moved
                        ? "Close swaps the orders page out of the centre and, half a second later, moves it into "
                                + "the history column of the same window: moved, not dropped."
                        : "Close swaps the orders page out of the centre for a customers page and keeps the old "
                                + "page in an app-wide cache: static cache \u2192 list \u2192 OrdersPage.");
        this.moved = moved;
    }

    @Override
    protected void populate(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        root.setCenter(null);
        OrdersPage orders = new OrdersPage(window.form());
        root.setCenter(orders);
        VBox history = new VBox(4, new Label("History"));
        history.setId("history");
        root.setRight(history);
        // Recycle the list's cells while the window shows: they must not be reported.
        orders.list.scrollTo(orders.list.getItems().size() - 1);
        window.setCloseRequestHandler(() -> {
            root.setCenter(new CustomersPage());
            if (moved) {
                PauseTransition later = new PauseTransition(MOVE_AFTER);
                later.setOnFinished(e -> {
                    history.getChildren().add(orders);
                    window.stage().close();
                });
                later.play();
            } else {
                PageCache.keep(orders);
                window.stage().close();
            }
        });
    }

    /** The page swapped out: a header and a long list of orders. */
    static final class OrdersPage extends VBox {
        private final ListView<String> list = new ListView<>(FXCollections.observableArrayList(
                IntStream.rangeClosed(1, 500).mapToObj(n -> "Order #" + n).toList()));

        OrdersPage(VBox form) {
            super(8);
            list.setId("orders");
            list.setPrefHeight(120);
            getChildren().addAll(form, list);
        }
    }

    /** The page swapped in. */
    static final class CustomersPage extends VBox {
        CustomersPage() {
            super(8, new Label("Customers"));
        }
    }

    /** The app-wide cache that keeps swapped-out pages "for later": the leak of pattern 6. */
    static final class PageCache {
        private static final List<Object> PAGES = new ArrayList<>();

        private PageCache() {
        }

        static void keep(Object page) {
            PAGES.add(page);
        }
    }
}
