package dev.leakinspector.app;

import dev.leakinspector.app.LeakFilter.TimeRange;
import dev.leakinspector.app.timeline.TimeTicks;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import java.time.ZoneId;

/**
 * The chip beside the list's filter that says which time range the timeline brushed ("12:03:10–12:04:55 ×")
 * and clears it with one click; Escape clears it too, unless a text field has the key. Hidden while no range
 * is brushed. FX thread only.
 */
final class TimeRangeChip {
    private final Button chip;
    private final TimelineStrip timeline;

    /**
     * @param changed told after the range changed (brushed or cleared), to filter the list again
     */
    TimeRangeChip(Button chip, TimelineStrip timeline, Scene scene, Runnable changed) {
        this.chip = chip;
        this.timeline = timeline;
        chip.setTooltip(new Tooltip("The list shows reports made in this time range, brushed on the timeline. "
                + "Click (or press Escape) to show every time again."));
        chip.setOnAction(event -> timeline.clearBrush());
        timeline.brushedRangeProperty().addListener((obs, old, range) -> {
            show(range);
            changed.run();
        });
        // A handler, not a filter: the search field's own Escape (clear the search) comes first and is left alone.
        scene.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && range() != null
                    && !(scene.getFocusOwner() instanceof TextInputControl)) {
                timeline.clearBrush();
                event.consume();
            }
        });
        show(null);
    }

    /** The brushed range, null when none is. */
    TimeRange range() {
        return timeline.brushedRangeProperty().get();
    }

    private void show(TimeRange range) {
        chip.setVisible(range != null);
        chip.setManaged(range != null);
        chip.setText(range == null ? "" : text(range, ZoneId.systemDefault()) + "  \u00d7");
    }

    /** "12:03:10–12:04:55", with milliseconds when the range is shorter than 10 s. */
    static String text(TimeRange range, ZoneId zone) {
        boolean precise = range.toMillis() - range.fromMillis() < 10_000;
        return TimeTicks.clock(range.fromMillis(), precise, zone) + "\u2013" + TimeTicks.clock(range.toMillis(), precise, zone);
    }
}
