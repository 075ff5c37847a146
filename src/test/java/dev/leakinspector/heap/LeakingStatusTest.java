package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Leaking status and suspects on a hand-written dump: a showing JavaFX window on the path is not leaking, so the
 * suspect references start after it; a hidden one decides nothing.
 * Path: static App.WINDOWS -> Object[] -> javafx.stage.Window (showing property) .content -> Panel .child -> Leaf.
 */
class LeakingStatusTest {
    @TempDir
    Path dir;

    private RetentionPath pathToLeaf(boolean showing) throws IOException {
        HprofWriter w = new HprofWriter(8);
        long object = 0x100;
        long app = 0x110;
        long objects = 0x120;
        long window = 0x130;
        long wrapper = 0x140;
        long panel = 0x150;
        long leaf = 0x160;
        w.loadClass(object, "java/lang/Object");
        w.loadClass(app, "com/acme/App");
        w.loadClass(objects, "[Ljava/lang/Object;");
        w.loadClass(window, "javafx/stage/Window");
        w.loadClass(wrapper, "javafx/beans/property/ReadOnlyBooleanWrapper");
        w.loadClass(panel, "com/acme/Panel");
        w.loadClass(leaf, "com/acme/Leaf");
        String[] none = new String[0];
        long[] noValues = new long[0];
        w.beginSegment();
        w.classDump(object, 0, none, noValues);
        w.classDump(app, object, new String[] {"WINDOWS"}, new long[] {0x1000});
        w.classDump(objects, object, none, noValues);
        w.classDump(window, object, none, noValues, "showing", "content");
        w.classDump(wrapper, object, none, noValues, "boolean:value");
        w.classDump(panel, object, none, noValues, "child");
        w.classDump(leaf, object, none, noValues);
        w.objectArray(0x1000, objects, 0x2000);
        w.instance(0x2000, window, 0x2100L, 0x3000L);
        w.instance(0x2100, wrapper, (byte) (showing ? 1 : 0));
        w.instance(0x3000, panel, 0x4000L);
        w.instance(0x4000, leaf);
        w.root(HprofTag.ROOT_STICKY_CLASS, app);
        w.endSegment();
        w.heapDumpEnd();
        try (HprofIndex index = HeapDump.open(w.writeTo(dir.resolve("window-" + showing + ".hprof")), ProgressListener.NONE, CancelToken.NEVER)) {
            ObjectAnalysis a = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                .analyze(new int[] {index.indexOf(0x4000)}, 1, Set.of(0x4000L)).get(0);
            return a.paths().get(0);
        }
    }

    @Test
    void aShowingWindowIsNotLeakingAndSuspectsStartAfterIt() throws IOException {
        RetentionPath p = pathToLeaf(true);
        assertEquals(List.of("com.acme.App", "java.lang.Object[]", "javafx.stage.Window", "com.acme.Panel", "com.acme.Leaf"),
            p.steps().stream().map(PathStep::className).toList());
        assertEquals(List.of(LeakingStatus.NO, LeakingStatus.NO, LeakingStatus.NO, LeakingStatus.UNKNOWN, LeakingStatus.YES),
            p.steps().stream().map(PathStep::leaking).toList());
        assertEquals("window is showing", p.steps().get(2).leakingReason());
        assertEquals(List.of(false, false, false, true, true), p.steps().stream().map(PathStep::suspect).toList());
    }

    @Test
    void aHiddenWindowDecidesNothing() throws IOException {
        RetentionPath p = pathToLeaf(false);
        assertEquals(LeakingStatus.UNKNOWN, p.steps().get(2).leaking());
        // The array a static field holds is not leaking; the hidden window decides nothing.
        assertEquals(List.of(false, false, true, true, true), p.steps().stream().map(PathStep::suspect).toList());
    }

    @Test
    void fingerprintFoldsArrayIndexes() {
        assertEquals("Object[]", LeakFingerprint.fold("Object[12]"));
        assertEquals("Foo$$Lambda.arg$1", LeakFingerprint.fold("Foo$$Lambda$539+0x00007fad840e5860.arg$1"));
    }
}
