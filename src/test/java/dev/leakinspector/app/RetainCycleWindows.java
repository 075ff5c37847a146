package dev.leakinspector.app;

import dev.leakinspector.app.graph.RetainGraphView;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Optional;

/** Finds an open Retain Cycle window and its graph view, for tests and screenshot tours. Any thread. */
final class RetainCycleWindows {
    private RetainCycleWindows() {
    }

    /** The first open Retain Cycle window, if there is one. */
    static Optional<Stage> open() throws Exception {
        return AppFx.call(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Retain Cycle"))
                .map(Stage.class::cast)
                .findFirst());
    }

    /** The graph view of the first open Retain Cycle window, if there is one (it has one once the dump is read). */
    static Optional<RetainGraphView> graphView() throws Exception {
        Optional<Stage> stage = open();
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        return AppFx.call(() -> Optional.ofNullable(stage.get().getScene().getRoot().lookup(".retain-graph"))
                .filter(RetainGraphView.class::isInstance)
                .map(RetainGraphView.class::cast));
    }
}
