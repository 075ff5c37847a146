package dev.leakinspector.app.timeline;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's time-to-pixel mapping, zoom and pan maths and follow-live, without JavaFX. */
class TimelineScaleTest {
    private static final long START = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private final TimelineScale scale = new TimelineScale();

    @BeforeEach
    void tenMinutesOverAThousandPixels() {
        scale.setPlot(50, 1000);
        scale.setExtent(START, START + 10 * MINUTE);
    }

    @Test
    void mapsTheWholeSessionOntoThePlotAndBack() {
        assertTrue(scale.isWhole());
        assertEquals(50, scale.xOf(START), 1e-9);
        assertEquals(1050, scale.xOf(START + 10 * MINUTE), 1e-9);
        assertEquals(550, scale.xOf(START + 5 * MINUTE), 1e-9);
        assertEquals(START + 5 * MINUTE, scale.timeAt(550), 1e-6);
        assertEquals(600, scale.millisPerPixel(), 1e-9);
    }

    @Test
    void aVeryShortSessionIsDrawnOverTenSeconds() {
        scale.setExtent(START, START + 300);
        assertEquals(TimelineScale.MIN_EXTENT_MILLIS, scale.span(), 1e-9);
    }

    @Test
    void wheelZoomKeepsTheMomentUnderThePointerInPlace() {
        double x = 300;
        double under = scale.timeAt(x);
        scale.zoomAround(x, 4);
        assertEquals(10 * MINUTE / 4.0, scale.span(), 1e-6);
        assertEquals(under, scale.timeAt(x), 1e-6, "the moment under the pointer stays under it");
        scale.zoomAround(x, 0.5);
        assertEquals(10 * MINUTE / 2.0, scale.span(), 1e-6);
        assertEquals(under, scale.timeAt(x), 1e-6);
    }

    @Test
    void zoomStopsAtTheSmallestSpanAndAtTheWholeSession() {
        scale.zoomAround(500, 1e9);
        assertEquals(TimelineScale.MIN_SPAN_MILLIS, scale.span(), 1e-9);
        scale.zoomAround(500, 1e-9);
        assertTrue(scale.isWhole(), "zooming out ends at the whole session, never beyond it");
        assertEquals(START, scale.viewStart(), 1e-9);
        assertEquals(START + 10 * MINUTE, scale.viewEnd(), 1e-9);
    }

    @Test
    void zoomingOutNearAnEdgeSlidesTheViewInsteadOfLeavingTheSession() {
        scale.zoomAround(50, 10);
        assertEquals(START, scale.viewStart(), 1e-6);
        scale.zoomAround(1040, 0.5);
        assertEquals(START, scale.viewStart(), 1e-6, "the view does not start before the session");
        assertEquals(2 * MINUTE, scale.span(), 1e-6);
    }

    @Test
    void panningMovesByPixelsAndStopsAtBothEnds() {
        scale.zoomCentered(5); // two minutes around the middle
        double start = scale.viewStart();
        scale.panByPixels(100); // drag right: earlier moments
        assertEquals(start - 100 * scale.millisPerPixel(), scale.viewStart(), 1e-6);
        scale.panByPixels(1e9);
        assertEquals(START, scale.viewStart(), 1e-6);
        assertEquals(2 * MINUTE, scale.span(), 1e-6, "panning never changes the zoom");
        scale.panByFraction(1e6);
        assertEquals(START + 10 * MINUTE, scale.viewEnd(), 1e-6);
        scale.panByFraction(-0.5);
        assertEquals(START + 9 * MINUTE, scale.viewEnd(), 1e-6, "half of a two-minute view back");
    }

    @Test
    void followingTheWholeSessionKeepsShowingItAsItGrows() {
        assertTrue(scale.isFollowing(), "follow-live is on at first");
        scale.setExtent(START, START + 20 * MINUTE);
        assertTrue(scale.isWhole());
        assertEquals(START + 20 * MINUTE, scale.viewEnd(), 1e-9);
    }

    @Test
    void zoomedInFollowingSlidesWithNewEventsAtTheSameZoom() {
        scale.zoomAround(1050, 10); // the last minute
        assertTrue(scale.isFollowing(), "zooming in on the live end keeps following it");
        scale.setExtent(START, START + 12 * MINUTE);
        assertEquals(START + 12 * MINUTE, scale.viewEnd(), 1e-6);
        assertEquals(MINUTE, scale.span(), 1e-6);
    }

    @Test
    void panningOrZoomingBackPausesFollowingAndTheViewThenStaysPut() {
        scale.zoomAround(1050, 10);
        scale.panByPixels(200); // back in time
        assertFalse(scale.isFollowing());
        double start = scale.viewStart();
        double end = scale.viewEnd();
        scale.setExtent(START, START + 15 * MINUTE);
        assertEquals(start, scale.viewStart(), 1e-9, "a paused view does not move when events arrive");
        assertEquals(end, scale.viewEnd(), 1e-9);

        scale.showWhole();
        scale.zoomAround(300, 3); // zoom in on the past
        assertFalse(scale.isFollowing());
    }

    @Test
    void endOrLiveResumesFollowingAtTheCurrentZoomAndHomeShowsTheWholeSession() {
        scale.zoomAround(300, 5);
        assertFalse(scale.isFollowing());
        scale.followLive();
        assertTrue(scale.isFollowing());
        assertEquals(START + 10 * MINUTE, scale.viewEnd(), 1e-6);
        assertEquals(2 * MINUTE, scale.span(), 1e-6);
        scale.setExtent(START, START + 11 * MINUTE);
        assertEquals(START + 11 * MINUTE, scale.viewEnd(), 1e-6, "following again");

        scale.pause();
        assertFalse(scale.isFollowing());
        scale.showWhole();
        assertTrue(scale.isWhole());
        assertTrue(scale.isFollowing());
    }

    @Test
    void panningForwardToTheLiveEndResumesFollowing() {
        scale.zoomAround(300, 5);
        assertFalse(scale.isFollowing());
        scale.panByPixels(-1e9);
        assertTrue(scale.isFollowing());
    }
}
