package dev.leakinspector.app;

import javafx.scene.Parent;

import java.util.Locale;

/**
 * Light or dark, chosen once at start: {@code -Dleakinspector.theme=dark|light} wins, else a GTK theme
 * named {@code …:dark} (the GTK_THEME convention) means dark. JavaFX 21 cannot ask the desktop (that came
 * with JavaFX 22's Platform.Preferences), so this is the cheap reading of it. Immutable; any thread.
 */
enum Theme {
    LIGHT, DARK;

    static Theme current() {
        String chosen = System.getProperty("leakinspector.theme", "").strip().toLowerCase(Locale.ROOT);
        if (chosen.equals("dark") || chosen.equals("light")) {
            return chosen.equals("dark") ? DARK : LIGHT;
        }
        String gtk = System.getenv("GTK_THEME");
        return gtk != null && gtk.toLowerCase(Locale.ROOT).endsWith(":dark") ? DARK : LIGHT;
    }

    /** Marks a scene's root so the stylesheet's {@code .root.dark} rules apply. FX thread. */
    void applyTo(Parent root) {
        if (this == DARK) {
            root.getStyleClass().add("dark");
        }
    }
}
