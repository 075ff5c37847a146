package dev.leakinspector.app;

import dev.leakinspector.attach.AttachFailure;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The error dialog for a failed attach: a header naming the process, the attach client's one-line reason
 * (it already says what to do) and, where it helps, one more hint. FX thread only.
 */
final class AttachErrors {
    private AttachErrors() {
    }

    static Alert dialog(Window owner, long pid, String name, Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message(failure), ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle("Cannot attach");
        // pid 0: the demo never got as far as having a process to attach to.
        alert.setHeaderText(pid <= 0 ? "Leak Inspector could not start or attach to " + name
                : "Leak Inspector could not attach to " + (name == null || name.isBlank()
                ? "process " + pid : name + " (process " + pid + ")"));
        alert.getDialogPane().setMinWidth(520);
        alert.getDialogPane().getStyleClass().add("attach-error");
        return alert;
    }

    /** The user-facing text: AttachFailure's own line, plus a hint for the failures people can act on. */
    static String message(Throwable failure) {
        if (failure instanceof AttachFailure attach) {
            String hint = switch (attach.reason()) {
                case NO_SUCH_PROCESS -> "Refresh the list and pick the program again.";
                case NOT_A_JVM -> "Only Java programs can be inspected.";
                case JAVA_TOO_OLD -> "Leak Inspector needs the program to run on Java 17 or newer.";
                default -> "";
            };
            return hint.isEmpty() || attach.getMessage().contains(hint) ? attach.getMessage()
                    : attach.getMessage() + "\n\n" + hint;
        }
        String text = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return text + "\n\nCheck that the program is still running and try again.";
    }
}
