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
 * In 6 it swaps in a <em>new</em> orders page twice ("Next page"), and keeps every old page in an
 * app-wide static cache: the first old page alone may be a cache (RETAINED), two of them pile up
 * (→ LEAK ×2). The pages leak, not the window. In 6b (NONE) closing swaps the page out and moves it
 * into the window's history column half a second later: moved, not dropped. The orders page has a
 * long list, scrolled while shown, whose recycled cells must not be reported. Use on the JavaFX thread.
 */
final class SwappedPagePattern extends DemoPattern {
    /** Half a second: well inside the 2 s grace period. */
    static final Duration MOVE_AFTER = Duration.millis(500);

    private final boolean moved;

    SwappedPagePattern(boolean moved) {
        super(moved ? "6b" : "6",
                moved ? "Moved page" : "Swapped-out page",
                moved ? ExpectedOutcome.NONE : ExpectedOutcome.RETAINED_THEN_LEAK_X2,
                moved
                        ? "Close swaps the orders page out of the centre and, half a second later, moves it into "
                                + "the history column of the same window: moved, not dropped."
                        : "\"Next page\" swaps a new orders page into the centre and keeps the old one in an "
                                + "app-wide cache that only grows: static cache \u2192 list \u2192 OrdersPage. One "
                                + "old page may be a cache (retained); the second makes it a leak.");
        this.moved = moved;
    }

    @Override
    protected void populate(PatternWindow window) {
        if (moved) {
            populateMoved(window);
        } else {
            populateGrowingCache(window);
        }
    }

    private static void populateGrowingCache(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        root.setCenter(null);
        window.form().setPrefWidth(190);
        root.setLeft(window.form());
        root.setCenter(new OrdersPage(1, null));
        Runnable nextPage = () -> {
            OrdersPage old = (OrdersPage) root.getCenter();
            root.setCenter(new OrdersPage(old.number + 1, null));
            PageCache.keep(old);
        };
        window.addStep("swap-1", "Next page", DemoScript.SHOW_FOR, nextPage);
        window.addStep("swap-2", "Next page again", AFTER_REPORT, nextPage);
    }

    private static void populateMoved(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        root.setCenter(null);
        OrdersPage orders = new OrdersPage(1, window.form());
        root.setCenter(orders);
        VBox history = new VBox(4, new Label("History"));
        history.setId("history");
        root.setRight(history);
        // Recycle the list's cells while the window shows: they must not be reported.
        orders.list.scrollTo(orders.list.getItems().size() - 1);
        window.setCloseRequestHandler(() -> {
            root.setCenter(new CustomersPage());
            PauseTransition later = new PauseTransition(MOVE_AFTER);
            later.setOnFinished(e -> {
                history.getChildren().add(orders);
                window.stage().close();
            });
            later.play();
        });
    }

    /** A page: a header and a long list of orders, scrolled to its end so the list recycles cells. */
    static final class OrdersPage extends VBox {
        private final int number;
        private final ListView<String> list = new ListView<>(FXCollections.observableArrayList(
                IntStream.rangeClosed(1, 500).mapToObj(n -> "Order #" + n).toList()));

        /** @param form the window's form to show above the list, or null */
        OrdersPage(int number, VBox form) {
            super(8);
            this.number = number;
            list.setId("orders");
            list.setPrefHeight(120);
            if (form != null) {
                getChildren().add(form);
            }
            getChildren().addAll(new Label("Orders, page " + number), list);
            list.scrollTo(list.getItems().size() - 1);
        }
    }

    /** The page swapped in by 6b. */
    static final class CustomersPage extends VBox {
        CustomersPage() {
            super(8, new Label("Customers"));
        }
    }

    /** The app-wide cache that keeps swapped-out pages "for later" and never lets one go: pattern 6. */
    static final class PageCache {
        private static final List<Object> PAGES = new ArrayList<>();

        private PageCache() {
        }

        static void keep(Object page) {
            PAGES.add(page);
        }

        /** How many pages the cache holds (for tests). */
        static int size() {
            return PAGES.size();
        }
    }
}
