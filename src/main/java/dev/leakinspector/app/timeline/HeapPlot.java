package dev.leakinspector.app.timeline;

import dev.leakinspector.session.HeapHistory;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

import java.util.Arrays;

/**
 * Draws heap used over the timeline's view as a filled line between two heights of its canvas, with a heap
 * axis in bytes ({@link HeapTicks}) left of the plot. Stateless; FX thread (it draws on a canvas).
 */
final class HeapPlot {
    private HeapPlot() {
    }

    /**
     * Heap used in the view: the samples themselves when there are fewer than pixels, else the highest
     * sample per pixel column (a day of samples is 86,400; the line would otherwise cost that much).
     * The heap axis fits the highest sample in view, so zooming in on a calm stretch still shows its shape.
     */
    static void draw(GraphicsContext g, HeapHistory heap, TimelineScale scale, double top, double bottom,
                     TimelinePalette palette) {
        if (heap.size() == 0) {
            g.setFill(palette.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("heap used: no stats from the agent yet", scale.plotLeft() + scale.plotWidth() / 2,
                    (top + bottom) / 2);
            return;
        }
        int first = Math.max(0, firstSampleAtOrAfter(heap, scale.viewStart()) - 1);
        int last = Math.min(heap.size() - 1, firstSampleAtOrAfter(heap, scale.viewEnd()));
        int count = last - first + 1;
        double[] xs;
        double[] values;
        int n;
        if (count <= scale.plotWidth() * 2) {
            xs = new double[count + 2];
            values = new double[count + 2];
            for (int i = 0; i < count; i++) {
                xs[i] = scale.xOf(heap.timeAt(first + i));
                values[i] = heap.heapUsedAt(first + i);
            }
            n = count;
        } else {
            int columns = (int) Math.ceil(scale.plotWidth()) + 1;
            double[] highest = new double[columns];
            Arrays.fill(highest, -1);
            for (int i = first; i <= last; i++) {
                int column = (int) Math.max(0, Math.min(columns - 1, Math.round(scale.xOf(heap.timeAt(i)) - scale.plotLeft())));
                highest[column] = Math.max(highest[column], heap.heapUsedAt(i));
            }
            xs = new double[columns + 2];
            values = new double[columns + 2];
            n = 0;
            for (int column = 0; column < columns; column++) {
                if (highest[column] >= 0) {
                    xs[n] = scale.plotLeft() + column;
                    values[n++] = highest[column];
                }
            }
        }
        double highestShown = 0;
        for (int i = 0; i < n; i++) {
            highestShown = Math.max(highestShown, values[i]);
        }
        // About one label per 20 px, at most 3: an 11 px label needs the room, and more would be clutter.
        HeapTicks axis = HeapTicks.of((long) highestShown, Math.max(1, Math.min(3, (int) ((bottom - top) / 20))));
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            ys[i] = bottom - (bottom - top) * values[i] / axis.topBytes();
        }
        drawAxis(g, axis, scale, top, bottom, palette);
        g.save();
        g.beginPath();
        g.rect(scale.plotLeft(), top - 1, scale.plotWidth(), bottom - top + 2);
        g.clip();
        xs[n] = xs[n - 1];
        ys[n] = bottom;
        xs[n + 1] = xs[0];
        ys[n + 1] = bottom;
        g.setFill(palette.heapFill());
        g.fillPolygon(xs, ys, n + 2);
        g.setStroke(palette.heapLine());
        g.setLineWidth(1.4);
        g.strokePolyline(xs, ys, n);
        g.restore();
    }

    private static void drawAxis(GraphicsContext g, HeapTicks axis, TimelineScale scale, double top, double bottom,
                                 TimelinePalette palette) {
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (int i = 0; i < axis.values().size(); i++) {
            double y = Math.floor(bottom - (bottom - top) * axis.values().get(i) / axis.topBytes()) + 0.5;
            g.setStroke(i == 0 ? palette.axis() : palette.grid());
            g.strokeLine(scale.plotLeft(), y, scale.plotLeft() + scale.plotWidth(), y);
            g.setFill(palette.text());
            g.fillText(axis.labels().get(i), scale.plotLeft() - 6, Math.max(top + 4, y));
        }
        g.setStroke(palette.axis());
        g.strokeLine(scale.plotLeft() - 0.5, top, scale.plotLeft() - 0.5, bottom);
    }

    /** The first sample at or after {@code millis} (samples are in time order), or the count if none is. */
    private static int firstSampleAtOrAfter(HeapHistory heap, double millis) {
        int low = 0;
        int high = heap.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (heap.timeAt(mid) < millis) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

}
