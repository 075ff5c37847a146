package dev.leakinspector.app.timeline;

/**
 * Which stretch of the session the timeline shows, and where each moment of it lands on screen: maps
 * epoch milliseconds to pixels and back, and does the zoom and pan maths. The session's extent (its first
 * to its latest event) grows as events arrive; the view is a window into it, never outside it.
 *
 * <p>Follow-live: while {@link #isFollowing()}, a growing extent carries the view along (its right edge
 * stays on the latest event; showing the whole session, it keeps showing all of it). A gesture that leaves
 * the right edge before the latest event (zooming in elsewhere, panning back) pauses following; one that
 * brings it back there (panning forward to the end, {@link #followLive()}, {@link #showWhole()}) resumes it.
 *
 * <p>Plain Java, no JavaFX. Not thread-safe: owned by the timeline, on the FX thread.
 */
public final class TimelineScale {
    /** A very short session is drawn over at least this much, so its first marks do not sit at both edges. */
    public static final long MIN_EXTENT_MILLIS = 10_000;
    /** Zooming in stops here: a pixel is then a fraction of a millisecond on any screen. */
    public static final double MIN_SPAN_MILLIS = 200;

    private long extentStart;
    private long extentEnd = MIN_EXTENT_MILLIS;
    private double viewStart;
    private double viewEnd = MIN_EXTENT_MILLIS;
    private double plotLeft;
    private double plotWidth = 1;
    private boolean following = true;

    /** The pixels the view is drawn across: from {@code left}, {@code width} wide. */
    public void setPlot(double left, double width) {
        this.plotLeft = left;
        this.plotWidth = Math.max(1, width);
    }

    public double plotLeft() {
        return plotLeft;
    }

    public double plotWidth() {
        return plotWidth;
    }

    /**
     * The session now spans {@code start} to {@code end} (epoch ms). Following, the view moves with the end;
     * otherwise it stays where it is, pulled inside the new extent if it must be.
     */
    public void setExtent(long start, long end) {
        long newEnd = Math.max(end, start + MIN_EXTENT_MILLIS);
        boolean wasWhole = isWhole();
        extentStart = start;
        extentEnd = newEnd;
        if (following) {
            if (wasWhole) {
                viewStart = start;
                viewEnd = newEnd;
            } else {
                double span = viewEnd - viewStart;
                viewEnd = newEnd;
                viewStart = newEnd - span;
            }
        }
        clamp();
    }

    public long extentStart() {
        return extentStart;
    }

    public long extentEnd() {
        return extentEnd;
    }

    public double viewStart() {
        return viewStart;
    }

    public double viewEnd() {
        return viewEnd;
    }

    /** How many milliseconds the view shows. */
    public double span() {
        return viewEnd - viewStart;
    }

    /** Whether the view keeps up with new events. */
    public boolean isFollowing() {
        return following;
    }

    /** Whether the view shows the whole session. */
    public boolean isWhole() {
        return viewStart <= extentStart && viewEnd >= extentEnd;
    }

    /** The x of a moment (may lie outside the plot when the moment is outside the view). */
    public double xOf(double millis) {
        return plotLeft + (millis - viewStart) * plotWidth / span();
    }

    /** The moment at {@code x}. */
    public double timeAt(double x) {
        return viewStart + (x - plotLeft) * span() / plotWidth;
    }

    /** How many milliseconds one pixel covers. */
    public double millisPerPixel() {
        return span() / plotWidth;
    }

    /**
     * Zooms by {@code factor} (above 1 in, below 1 out) keeping the moment under {@code x} under it, as a
     * mouse wheel zoom should. The span stays between {@link #MIN_SPAN_MILLIS} and the whole session.
     */
    public void zoomAround(double x, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            return;
        }
        double anchor = timeAt(x);
        double fraction = (x - plotLeft) / plotWidth;
        double newSpan = Math.max(MIN_SPAN_MILLIS, Math.min(extentEnd - extentStart, span() / factor));
        viewStart = anchor - fraction * newSpan;
        viewEnd = viewStart + newSpan;
        settle();
    }

    /** Zooms around the middle of the view (the keyboard's + and -). */
    public void zoomCentered(double factor) {
        zoomAround(plotLeft + plotWidth / 2, factor);
    }

    /** Moves the content {@code dx} pixels right (a drag to the right shows earlier moments). */
    public void panByPixels(double dx) {
        double shift = -dx * millisPerPixel();
        viewStart += shift;
        viewEnd += shift;
        settle();
    }

    /** Moves the view by this fraction of its span: negative back in time, positive forward (the arrow keys). */
    public void panByFraction(double fraction) {
        panByPixels(-fraction * plotWidth);
    }

    /** Shows the whole session, and keeps showing it as it grows (Home). */
    public void showWhole() {
        viewStart = extentStart;
        viewEnd = extentEnd;
        following = true;
    }

    /** Moves the view to the latest event at its current zoom and follows from there (End, the Live button). */
    public void followLive() {
        double span = span();
        viewEnd = extentEnd;
        viewStart = extentEnd - span;
        following = true;
        clamp();
    }

    /** Stops following where the view is (the Live button toggled off). */
    public void pause() {
        following = false;
    }

    /** After a gesture: inside the extent, and following exactly when the right edge is on the latest event. */
    private void settle() {
        clamp();
        following = viewEnd >= extentEnd - millisPerPixel() / 2;
    }

    /** Keeps the span within bounds and the view inside the extent, sliding it rather than shrinking it. */
    private void clamp() {
        double extent = extentEnd - extentStart;
        double span = Math.max(Math.min(MIN_SPAN_MILLIS, extent), Math.min(extent, viewEnd - viewStart));
        if (viewStart < extentStart) {
            viewStart = extentStart;
        }
        viewEnd = viewStart + span;
        if (viewEnd > extentEnd) {
            viewEnd = extentEnd;
            viewStart = extentEnd - span;
        }
    }
}
