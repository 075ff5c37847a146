package dev.leakinspector.app.timeline;

import dev.leakinspector.app.LeakFilter.TimeRange;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The time range brushed on the timeline, which filters the list, and the brush being dragged. While the
 * user drags, only the draft changes (the timeline draws it); the range is set once, on release, so the list
 * is filtered once per gesture and not on every mouse move. A drag narrower than a few pixels is taken for a
 * click and leaves the range as it was. FX thread only.
 */
public final class TimelineBrush {
    private final ReadOnlyObjectWrapper<TimeRange> range = new ReadOnlyObjectWrapper<>(this, "range");
    private long anchorMillis;
    private TimeRange draft;

    /** The brushed range, null when none is: the list then shows reports of any time. */
    public ReadOnlyObjectProperty<TimeRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    public TimeRange range() {
        return range.get();
    }

    /** Brushes exactly this range (null clears it). */
    public void select(TimeRange selected) {
        draft = null;
        range.set(selected == null || selected.isAll() ? null : selected);
    }

    public void clear() {
        select(null);
    }

    /** A drag starts at {@code millis}. */
    public void begin(long millis) {
        anchorMillis = millis;
        draft = new TimeRange(millis, millis);
    }

    /** The drag is at {@code millis} now. */
    public void extendTo(long millis) {
        if (draft != null) {
            draft = new TimeRange(anchorMillis, millis);
        }
    }

    /**
     * The drag ended; the draft becomes the range unless it spans less than {@code minMillis} (a click).
     *
     * @return whether the range changed
     */
    public boolean finish(double minMillis) {
        TimeRange done = draft;
        draft = null;
        if (done == null || done.toMillis() - done.fromMillis() < minMillis) {
            return false;
        }
        range.set(done);
        return true;
    }

    /** Whether a drag is under way. */
    public boolean isDragging() {
        return draft != null;
    }

    /** What to draw: the draft while dragging, else the range; null when neither. */
    public TimeRange shown() {
        return draft != null ? draft : range.get();
    }
}
