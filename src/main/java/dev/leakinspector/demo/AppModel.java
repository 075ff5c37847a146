package dev.leakinspector.demo;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The demo's application-wide model, alive as long as the program: whoever listens to it without
 * ever removing the listener is kept alive just as long (pattern 1). Use on the JavaFX thread.
 */
public final class AppModel {
    /** The one instance; a static field, so a GC root for everything its listeners reach. */
    public static final AppModel INSTANCE = new AppModel();

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready");

    private AppModel() {
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public void setStatus(String value) {
        status.set(value);
    }
}
