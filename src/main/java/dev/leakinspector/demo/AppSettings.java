package dev.leakinspector.demo;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;

/**
 * The demo's application-wide settings bean for its Swing windows, alive as long as the program:
 * whoever adds a {@link PropertyChangeListener} and never removes it is kept alive just as long
 * (pattern 8). Thread-safe ({@link PropertyChangeSupport} is); listeners are told on the caller's thread.
 */
public final class AppSettings {
    /** The one instance; a static field, so a GC root for everything its listeners reach. */
    public static final AppSettings INSTANCE = new AppSettings();

    private final PropertyChangeSupport listeners = new PropertyChangeSupport(this);
    private volatile String theme = "Light";

    private AppSettings() {
    }

    public String getTheme() {
        return theme;
    }

    public void setTheme(String value) {
        String old = theme;
        theme = value;
        listeners.firePropertyChange("theme", old, value);
    }

    public void addPropertyChangeListener(PropertyChangeListener listener) {
        listeners.addPropertyChangeListener(listener);
    }

    public void removePropertyChangeListener(PropertyChangeListener listener) {
        listeners.removePropertyChangeListener(listener);
    }
}
