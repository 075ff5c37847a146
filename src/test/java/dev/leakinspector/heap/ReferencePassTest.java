package dev.leakinspector.heap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference rows of a hand-written dump whose references point next door, far away, nowhere (null) and at ids
 * no object has: each row lists exactly the references to objects of the dump, in field order, with one worker or
 * several, whether or not ids that lead nowhere come in the same batch as others, and whether they come from the
 * start or only in the last quarter of the objects (the rows before the first one are left as they are).
 */
class ReferencePassTest {
    private static final long OBJECT = 0x100;
    private static final long NODE = 0x110;
    private static final long ARRAY = 0x120;
    private static final long HOLDER = 0x130;
    private static final long FIRST = 0x10_0000;
    private static final int NODES = 5000;

    @TempDir
    Path dir;

    /** Node i's id. */
    private static long node(int i) {
        return FIRST + 16L * i;
    }

    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void rowsHoldTheReferencesToObjectsOfTheDumpInFieldOrder(boolean parallel, boolean lateOnly) throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        long[][] fields = new long[NODES][3];
        HprofWriter w = new HprofWriter(8);
        w.loadClass(OBJECT, "java/lang/Object");
        w.loadClass(NODE, "com/acme/Node");
        w.loadClass(ARRAY, "[Ljava/lang/Object;");
        w.loadClass(HOLDER, "com/acme/Holder");
        String[] none = new String[0];
        w.beginSegment();
        w.classDump(OBJECT, 0, none, new long[0]);
        w.classDump(NODE, OBJECT, none, new long[0], "next", "far", "odd");
        w.classDump(ARRAY, OBJECT, none, new long[0]);
        // statics: one to a node, one to an id nobody has (unless ids that lead nowhere come late only)
        w.classDump(HOLDER, OBJECT, new String[] {"FIRST", "GONE"}, new long[] {node(0), lateOnly ? node(1) : 0x7777_0000L});
        for (int i = 0; i < NODES; i++) {
            fields[i][0] = i + 1 < NODES ? node(i + 1) : 0;
            fields[i][1] = node(random.nextInt(NODES));
            int kind = random.nextInt(4);
            if (lateOnly && kind == 1 && i < NODES * 3 / 4) {
                kind = 3;
            }
            // an id between two nodes, past the last one, null, or a node
            fields[i][2] = kind == 0 ? node(random.nextInt(NODES)) + 8 : kind == 1 ? node(NODES + 100 + i) : kind == 2 ? 0
                : node(random.nextInt(NODES));
            w.instance(node(i), NODE, fields[i][0], fields[i][1], fields[i][2]);
        }
        long array = node(NODES);
        w.objectArray(array, ARRAY, node(3), 0L, node(NODES + 7), node(NODES - 1), node(2) + 8);
        w.root(HprofTag.ROOT_STICKY_CLASS, HOLDER);
        w.endSegment();
        w.heapDumpEnd();
        Path file = dir.resolve("refs.hprof");
        Files.write(file, w.bytes());
        int saved = HprofIndexBuilder.minObjectsPerWorker;
        HprofIndexBuilder.minObjectsPerWorker = parallel ? 100 : Integer.MAX_VALUE;
        try (HprofIndex index = HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER)) {
            for (int i = 0; i < NODES; i++) {
                assertEquals(expected(index, fields[i]), row(index, index.indexOf(node(i))), "node " + i);
            }
            assertEquals(expected(index, new long[] {node(3), 0, node(NODES + 7), node(NODES - 1), node(2) + 8}),
                row(index, index.indexOf(array)), "array");
            assertEquals(lateOnly ? List.of(index.indexOf(node(0)), index.indexOf(node(1))) : List.of(index.indexOf(node(0))),
                row(index, index.indexOf(HOLDER)), "statics");
        } finally {
            HprofIndexBuilder.minObjectsPerWorker = saved;
        }
    }

    private static List<Integer> expected(HprofIndex index, long[] ids) {
        List<Integer> out = new ArrayList<>();
        for (long id : ids) {
            int d = id == 0 ? -1 : index.indexOf(id);
            if (d >= 0) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<Integer> row(HprofIndex index, int d) {
        List<Integer> out = new ArrayList<>();
        for (int e = index.edgeStart(d); e < index.edgeEnd(d); e++) {
            out.add(index.edge(e));
        }
        return out;
    }
}
