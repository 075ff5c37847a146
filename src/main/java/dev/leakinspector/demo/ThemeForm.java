package dev.leakinspector.demo;

import java.beans.PropertyChangeListener;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;

/**
 * The content of patterns 8 and 8b: a {@code JPanel#theme} that shows the settings bean's theme, a
 * combo box and a small table (so Swing's renderers and caches are exercised, and must not be
 * reported). Event dispatch thread only.
 */
final class ThemeForm implements SwingContent {
    private final boolean clean;

    ThemeForm(boolean clean) {
        this.clean = clean;
    }

    @Override
    public void build(JFrame frame, JPanel form) {
        form.add(clean ? new CleanThemePanel() : new LeakyThemePanel());
        JComboBox<String> themes = new JComboBox<>(new String[] {"Light", "Dark", "High contrast"});
        themes.setName("themes");
        themes.addActionListener(e -> AppSettings.INSTANCE.setTheme((String) themes.getSelectedItem()));
        form.add(themes);
        JTable recent = new JTable(new Object[][] {{"Light", "today"}, {"Dark", "yesterday"}},
                new Object[] {"Theme", "Used"});
        recent.setName("recent");
        form.add(new JScrollPane(recent));
    }

    /** Shows the theme; listens to the settings bean from construction on and never stops (8). */
    static final class LeakyThemePanel extends JPanel {
        private final JLabel theme = new JLabel();

        LeakyThemePanel() {
            setName("theme");
            add(theme);
            JButton next = new JButton("Dark theme");
            next.addActionListener(e -> AppSettings.INSTANCE.setTheme("Dark"));
            add(next);
            showTheme(AppSettings.INSTANCE.getTheme());
            // A lambda that uses this panel: the static bean now keeps the panel, its parents, the frame.
            AppSettings.INSTANCE.addPropertyChangeListener(e -> showTheme(String.valueOf(e.getNewValue())));
        }

        private void showTheme(String name) {
            theme.setText("Theme: " + name);
        }
    }

    /** Shows the theme; listens only while displayed, as Swing components should (8b). */
    static final class CleanThemePanel extends JPanel {
        private final JLabel theme = new JLabel();
        private final PropertyChangeListener listener = e -> showTheme(String.valueOf(e.getNewValue()));

        CleanThemePanel() {
            setName("theme");
            add(theme);
        }

        @Override
        public void addNotify() {
            super.addNotify();
            showTheme(AppSettings.INSTANCE.getTheme());
            AppSettings.INSTANCE.addPropertyChangeListener(listener);
        }

        @Override
        public void removeNotify() {
            // dispose() calls removeNotify on every component of the frame: the listener goes with it.
            AppSettings.INSTANCE.removePropertyChangeListener(listener);
            super.removeNotify();
        }

        private void showTheme(String name) {
            theme.setText("Theme: " + name);
        }
    }
}
