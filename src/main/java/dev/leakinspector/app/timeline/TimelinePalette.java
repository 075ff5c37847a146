package dev.leakinspector.app.timeline;

import javafx.scene.paint.Color;

/**
 * The timeline's colours on the light and the dark theme. The marks keep one mid-tone per status that
 * reads on both (the list's CSS uses the same hues); the axes, grid, text and the brush follow the theme,
 * since a canvas cannot take them from the stylesheet. Immutable; any thread.
 */
public record TimelinePalette(Color text, Color grid, Color axis, Color heapFill, Color heapLine, Color forcedGc,
                              Color heapDump, Color brushFill, Color brushEdge) {
    public static final Color LEAK = Color.rgb(210, 60, 50);
    public static final Color RETAINED = Color.rgb(222, 150, 20);
    public static final Color IGNORED = Color.rgb(140, 140, 140);
    public static final Color REUSED = Color.rgb(20, 150, 170);
    public static final Color DEALLOCATED = Color.rgb(40, 150, 80);
    /** Purple: apart from every tier and retraction colour, so a selected mark is never read as one of them. */
    public static final Color SELECTED = Color.rgb(150, 70, 210);
    /** Report marks by rank ({@link TimelineBins#IGNORED} …): a pixel column shows the worst report in it. */
    static final Color[] REPORT_COLORS = {null, IGNORED, RETAINED, LEAK};
    /** Retraction marks by rank: reused is drawn over deallocated in a shared column. */
    static final Color[] RETRACTION_COLORS = {null, DEALLOCATED, REUSED};

    public static final TimelinePalette LIGHT = new TimelinePalette(Color.rgb(70, 75, 82), Color.rgb(0, 0, 0, 0.08),
            Color.rgb(0, 0, 0, 0.35), Color.rgb(70, 130, 200, 0.25), Color.rgb(50, 110, 185),
            Color.rgb(95, 105, 120), Color.rgb(30, 90, 200), Color.rgb(61, 123, 217, 0.16), Color.rgb(40, 100, 200));
    public static final TimelinePalette DARK = new TimelinePalette(Color.rgb(200, 205, 212), Color.rgb(255, 255, 255, 0.08),
            Color.rgb(255, 255, 255, 0.35), Color.rgb(100, 160, 230, 0.28), Color.rgb(120, 175, 240),
            Color.rgb(165, 175, 190), Color.rgb(110, 170, 255), Color.rgb(91, 155, 240, 0.22), Color.rgb(120, 175, 255));
}
