package dev.leakinspector.demo;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;

/**
 * Patterns 2 and 2b: a dialog creates a {@link TransferClient} with itself as the delegate; the
 * client sits in the static {@link TransferRegistry} until invalidated. The dialog closes without
 * invalidating it (2, LEAK) or invalidates it on close (2b, NONE). Use on the JavaFX thread.
 */
final class TransferDialogPattern extends DemoPattern {
    private final boolean invalidateOnClose;

    TransferDialogPattern(boolean invalidateOnClose) {
        super(invalidateOnClose ? "2b" : "2",
                invalidateOnClose ? "Session invalidated on close" : "Session holds its delegate",
                invalidateOnClose ? ExpectedOutcome.NONE : ExpectedOutcome.LEAK,
                invalidateOnClose
                        ? "This dialog is the delegate of a transfer client kept in a static registry. On close it "
                                + "calls invalidate(), which removes the client and drops the delegate."
                        : "This dialog is the delegate of a transfer client kept in a static registry. It closes "
                                + "without calling invalidate(): registry \u2192 client \u2192 delegate \u2192 dialog.");
        this.invalidateOnClose = invalidateOnClose;
    }

    @Override
    protected void populate(PatternWindow window) {
        new UploadDialog(window.stage(), window, invalidateOnClose);
    }

    /** The dialog: the transfer's delegate, holding its window. */
    static final class UploadDialog implements TransferDelegate {
        /** A view keeps its window, as real ones do; so whatever keeps the view keeps the Stage. */
        private final Stage stage;
        private final ProgressBar progress = new ProgressBar(0);
        private final Label status = new Label("Nothing sent yet");
        private final TransferClient client;
        private int percent;

        UploadDialog(Stage stage, PatternWindow window, boolean invalidateOnClose) {
            this.stage = stage;
            this.client = new TransferClient("report.pdf", this);
            progress.setMaxWidth(Double.MAX_VALUE);
            Button send = new Button("Send a chunk");
            send.setOnAction(e -> client.reportProgress(Math.min(100, percent + 20)));
            window.form().getChildren().addAll(progress, status, send);
            if (invalidateOnClose) {
                window.setCloseBehaviour(client::invalidate);
            }
        }

        @Override
        public void transferProgressed(String file, int percent) {
            this.percent = percent;
            progress.setProgress(percent / 100.0);
            status.setText("Sent " + percent + "% of " + file + " from \"" + stage.getTitle() + "\"");
        }
    }
}
