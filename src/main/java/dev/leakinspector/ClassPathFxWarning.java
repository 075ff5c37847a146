package dev.leakinspector;

import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Silences the one warning JavaFX 21 prints when it runs from the class path, as it does from our single
 * runnable jar: {@code PlatformImpl.startup} logs "Unsupported JavaFX configuration: classes were loaded from
 * 'unnamed module …'" whenever {@code javafx.graphics} is not an explicit named module. {@code java -jar}
 * puts everything of a jar on the class path, so no main class can change that; the only configuration
 * without the warning is JavaFX on the module path (a jlink/jpackage image, or
 * {@code --module-path javafx-jars --add-modules javafx.controls,javafx.fxml,javafx.swing}), which the jar
 * cannot give itself. The warning carries no information for our users: the app is built and tested on the
 * class path (every test runs that way), so only that message is dropped; every other JavaFX message
 * (CSS, layout, focus) still reaches the log. {@link Main} calls it first, so the app, the demo (also when
 * Try the Demo starts it, its standard error being ours) and every command are covered. Any thread.
 */
public final class ClassPathFxWarning {
    /** The logger JavaFX's {@code PlatformLogger} writes to (through {@code System.getLogger}). */
    private static final String JAVAFX_LOGGER = "javafx";
    static final String MESSAGE_START = "Unsupported JavaFX configuration";

    /** Held for the life of the process: java.util.logging keeps loggers weakly, and the filter with them. */
    private static Logger javafxLogger;

    private ClassPathFxWarning() {
    }

    /** Drops that one message when JavaFX runs from the class path; does nothing when it is a named module. */
    public static synchronized void silence() {
        if (javafxLogger != null || javafx.application.Platform.class.getModule().isNamed()) {
            return;
        }
        javafxLogger = Logger.getLogger(JAVAFX_LOGGER);
        Filter previous = javafxLogger.getFilter();
        javafxLogger.setFilter(record -> !isClassPathWarning(record.getMessage())
                && (previous == null || previous.isLoggable(record)));
    }

    static boolean isClassPathWarning(String message) {
        return message != null && message.startsWith(MESSAGE_START);
    }
}
