package dev.leakinspector.demo;

import java.util.List;
import java.util.function.LongConsumer;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Runs patterns one after another by itself: open the window, let it show ~300 ms, close it the way
 * the pattern does, and start the next once it is closed for good. Use on the JavaFX thread.
 */
final class DemoScript {
    static final Duration SHOW_FOR = Duration.millis(300);

    private final List<DemoPattern> patterns;
    private final PatternListener listener;
    private final LongConsumer onDone;

    /**
     * @param listener told of every close and re-show, as for a user's click
     * @param onDone   gets the time the last pattern was closed
     */
    DemoScript(List<DemoPattern> patterns, PatternListener listener, LongConsumer onDone) {
        this.patterns = List.copyOf(patterns);
        this.listener = listener;
        this.onDone = onDone;
    }

    void start() {
        runFrom(0);
    }

    private void runFrom(int index) {
        if (index == patterns.size()) {
            onDone.accept(System.currentTimeMillis());
            return;
        }
        PatternWindow window = patterns.get(index).open(new PatternListener() {
            @Override
            public void closed(String patternId, long epochMillis) {
                listener.closed(patternId, epochMillis);
                // Not from inside the hidden event of the window just closed: let that finish first.
                Platform.runLater(() -> runFrom(index + 1));
            }

            @Override
            public void reshown(String patternId, long epochMillis) {
                listener.reshown(patternId, epochMillis);
            }
        });
        // Only the pause holds the window, and only until it closes it: after that the script keeps
        // nothing, so NONE patterns stay collectable.
        PauseTransition showing = new PauseTransition(SHOW_FOR);
        showing.setOnFinished(e -> {
            // A user may have closed it already; closing again must not re-run its close (7 would re-show).
            if (window.stage().isShowing()) {
                window.requestClose();
            }
        });
        showing.play();
    }
}
