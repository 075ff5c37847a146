package dev.leakinspector.heap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact retention paths, cycles and sizes on a real dump of this JVM holding {@link HeapFixtures}. */
class FixturePathsTest {
    private static final String F = "dev.leakinspector.heap.HeapFixtures$";
    private static HprofIndex index;
    private static LeakAnalyzer analyzer;

    @BeforeAll
    static void dump() {
        index = TestDumps.sharedIndex();
        analyzer = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER);
    }

    private static ObjectAnalysis only(String simpleClass, int k) {
        List<ObjectAnalysis> all = analyzer.analyze(ObjectSelector.byClass(F + simpleClass), k);
        assertEquals(1, all.size(), simpleClass + " instances");
        return all.get(0);
    }

    private static List<String> describe(RetentionPath path) {
        List<String> out = new ArrayList<>();
        for (PathStep s : path.steps()) {
            out.add(s.className() + " | " + s.reference() + " | " + s.referenceKind());
        }
        return out;
    }

    @Test
    void staticFieldChain() {
        ObjectAnalysis a = only("ChainTail", 3);
        assertEquals(1, a.paths().size());
        RetentionPath p = a.paths().get(0);
        assertEquals(GcRootKind.CLASS, p.rootKind());
        assertEquals(List.of(
            F + "StaticChain | Class | ROOT",
            F + "ChainHead | static HeapFixtures$StaticChain.head | STATIC_FIELD",
            F + "ChainMiddle | HeapFixtures$ChainHead.middle | INSTANCE_FIELD",
            F + "ChainTail | HeapFixtures$ChainMiddle.tail | INSTANCE_FIELD"), describe(p));
        // The head is held by a static field: it lives as long as its class, so it is not leaking.
        assertEquals(List.of(LeakingStatus.NO, LeakingStatus.NO, LeakingStatus.UNKNOWN, LeakingStatus.YES),
            p.steps().stream().map(PathStep::leaking).toList());
        assertEquals(List.of(false, false, true, true), p.steps().stream().map(PathStep::suspect).toList());
        assertEquals(40, a.fingerprint().length());
    }

    @Test
    void retainedSizeOfAChainIsItsPayload() {
        ObjectAnalysis head = only("ChainHead", 1);
        // ChainHead and ChainMiddle hold one reference each (8 bytes of field data), ChainTail none
        assertEquals(16, head.retainedBytes());
    }

    @Test
    void arrayElement() {
        RetentionPath p = only("ArrayElement", 1).paths().get(0);
        assertEquals(List.of(
            F + "ArrayHolder | Class | ROOT",
            "java.lang.Object[] | static HeapFixtures$ArrayHolder.slots | STATIC_FIELD",
            F + "ArrayElement | Object[3] | ARRAY_ELEMENT"), describe(p));
    }

    @Test
    void innerClassHoldsItsOuterInstance() {
        RetentionPath p = only("Outer", 1).paths().get(0);
        assertEquals(List.of(
            F + "InnerHolder | Class | ROOT",
            F + "Outer$Inner | static HeapFixtures$InnerHolder.inner | STATIC_FIELD",
            F + "Outer | HeapFixtures$Outer$Inner.this$0 | INSTANCE_FIELD"), describe(p));
    }

    @Test
    void lambdaHoldsWhatItCaptured() {
        RetentionPath p = only("Captured", 1).paths().get(0);
        assertEquals(3, p.steps().size());
        assertEquals(F + "LambdaHolder", p.steps().get(0).className());
        assertTrue(p.steps().get(1).className().startsWith(F + "$Lambda$"), p.steps().get(1).className());
        assertEquals("static HeapFixtures$LambdaHolder.task", p.steps().get(1).reference());
        assertTrue(p.steps().get(2).reference().endsWith(".arg$1"), p.steps().get(2).reference());
        assertEquals(ReferenceKind.INSTANCE_FIELD, p.steps().get(2).referenceKind());
    }

    @Test
    void threadLocalOnAParkedThread() {
        RetentionPath p = only("TlValue", 1).paths().get(0);
        assertEquals(GcRootKind.THREAD_OBJECT, p.rootKind());
        assertEquals("thread \"fixture-thread-local-holder\"", p.rootDescription());
        List<String> d = describe(p);
        assertEquals(5, d.size(), d.toString());
        assertEquals("java.lang.Thread | thread \"fixture-thread-local-holder\" | ROOT", d.get(0));
        assertEquals("java.lang.ThreadLocal$ThreadLocalMap | Thread.threadLocals | INSTANCE_FIELD", d.get(1));
        assertEquals("java.lang.ThreadLocal$ThreadLocalMap$Entry[] | ThreadLocal$ThreadLocalMap.table | INSTANCE_FIELD", d.get(2));
        assertTrue(d.get(3).matches("java\\.lang\\.ThreadLocal\\$ThreadLocalMap\\$Entry \\| ThreadLocal\\$ThreadLocalMap\\$Entry\\[\\d+] \\| ARRAY_ELEMENT"), d.get(3));
        assertEquals(F + "TlValue | ThreadLocal$ThreadLocalMap$Entry.value | INSTANCE_FIELD", d.get(4));
    }

    @Test
    void localVariableOfAParkedThread() {
        RetentionPath p = only("LocalValue", 1).paths().get(0);
        assertEquals(GcRootKind.JAVA_FRAME, p.rootKind());
        assertEquals(1, p.steps().size());
        PathStep s = p.steps().get(0);
        assertEquals(ReferenceKind.LOCAL, s.referenceKind());
        assertTrue(s.reference().startsWith("local variable in thread \"fixture-local-holder\" at dev.leakinspector.heap.HeapFixtures.holdLocal(HeapFixtures.java:"),
            s.reference());
    }

    @Test
    void weakReferencesDoNotCount() {
        RetentionPath p = only("WeaklyAndStronglyHeld", 3).paths().get(0);
        assertEquals(5, p.length());
        assertEquals("static HeapFixtures$RefHolder.strongLongWay", p.steps().get(1).reference());
        for (PathStep s : p.steps()) {
            assertFalse(s.className().startsWith("java.lang.ref."), s.toString());
        }
    }

    @Test
    void softlyReachableObjectHasNoStrongPath() {
        ObjectAnalysis a = only("SoftOnly", 3);
        assertTrue(a.paths().isEmpty());
        assertEquals("", a.fingerprint());
    }

    @Test
    void kDistinctPathsShortestFirst() {
        ObjectAnalysis a = only("MultiTarget", 3);
        assertEquals(3, a.paths().size());
        assertEquals(1, a.paths().get(0).length());
        assertEquals(1, a.paths().get(1).length());
        assertEquals(Set.of("static HeapFixtures$MultiPath.first", "static HeapFixtures$MultiPath.second"),
            Set.of(a.paths().get(0).steps().get(1).reference(), a.paths().get(1).steps().get(1).reference()));
        assertEquals(List.of(
            F + "MultiPath | Class | ROOT",
            "java.util.ArrayList | static HeapFixtures$MultiPath.list | STATIC_FIELD",
            "java.lang.Object[] | ArrayList.elementData | INSTANCE_FIELD",
            F + "MultiTarget | Object[0] | ARRAY_ELEMENT"), describe(a.paths().get(2)));
    }

    @Test
    void equalLeaksShareAFingerprint() {
        List<ObjectAnalysis> windows = analyzer.analyze(ObjectSelector.byClass(F + "FakeWindow"), 1);
        assertEquals(2, windows.size());
        assertEquals(windows.get(0).fingerprint(), windows.get(1).fingerprint());
        assertNotEquals(only("ChainTail", 1).fingerprint(), windows.get(0).fingerprint());
        assertEquals(List.of(
            F + "ListenerModel | Class | ROOT",
            "java.util.ArrayList | static HeapFixtures$ListenerModel.LISTENERS | STATIC_FIELD",
            "java.lang.Object[] | ArrayList.elementData | INSTANCE_FIELD",
            F + "Listener | Object[" + (windows.get(0).paths().get(0).steps().get(3).reference().contains("[0]") ? 0 : 1) + "] | ARRAY_ELEMENT",
            F + "FakeWindow | HeapFixtures$Listener.window | INSTANCE_FIELD"), describe(windows.get(0).paths().get(0)));
        // each window retains itself (no fields but one reference: 8 bytes) and its 100-byte pixel array
        assertEquals(108, windows.get(0).retainedBytes());
    }

    @Test
    void watchIdFindsTheWatchedObjectAndMarksItLeaking() {
        int[] chosen = ObjectSelector.byWatchId(4242, F + "FakeWatchedReference").select(index, CancelToken.NEVER);
        assertEquals(1, chosen.length);
        assertEquals(F + "WatchedLeak", index.className(chosen[0]));
        ObjectAnalysis a = analyzer.analyze(chosen, 1, Set.of(index.objectId(chosen[0]))).get(0);
        List<PathStep> steps = a.paths().get(0).steps();
        assertEquals(LeakingStatus.YES, steps.get(steps.size() - 1).leaking());
        assertEquals("static HeapFixtures$WatchHolder.strong", steps.get(1).reference());
    }

    private static long nodeOf(String holderClass) {
        int holder = ObjectSelector.byClass(F + holderClass).select(index, CancelToken.NEVER)[0];
        return index.fieldValue(holder, "node", 0);
    }

    private static void assertSingleCycle(String holderClass, int length) {
        long node = nodeOf(holderClass);
        ObjectAnalysis a = analyzer.analyze(new int[] {index.indexOf(node)}, 1, Set.of()).get(0);
        assertEquals(1, a.cycles().size(), holderClass + ": " + a.cycles());
        RetainCycle c = a.cycles().get(0);
        assertEquals(length, c.length());
        long first = c.elements().get(0).objectId();
        for (PathStep s : c.elements()) {
            assertEquals(F + "CycleNode", s.className());
            assertEquals("HeapFixtures$CycleNode.next", s.reference());
            assertTrue(Long.compareUnsigned(first, s.objectId()) <= 0, "canonical start is the smallest id");
        }
    }

    @Test
    void cycleOfLength1() {
        assertSingleCycle("Cycle1", 1);
    }

    @Test
    void cycleOfLength2() {
        assertSingleCycle("Cycle2", 2);
    }

    @Test
    void cycleOfLength3() {
        assertSingleCycle("Cycle3", 3);
    }

    @Test
    void cycleOfLength5() {
        assertSingleCycle("Cycle5", 5);
    }

    @Test
    void cyclesThroughEveryElementAreTheSameNormalisedCycle() {
        long node = nodeOf("Cycle3");
        int n0 = index.indexOf(node);
        int n1 = index.indexOf(index.fieldValue(n0, "next", 0));
        List<ObjectAnalysis> both = analyzer.analyze(new int[] {n0, n1}, 1, Set.of());
        assertEquals(both.get(0).cycles(), both.get(1).cycles());
    }

    @Test
    void primitiveArraysHaveTheirClass() {
        int window = ObjectSelector.byClass(F + "FakeWindow").select(index, CancelToken.NEVER)[0];
        int pixels = index.indexOf(index.fieldValue(window, "pixels", 0));
        assertEquals("byte[]", index.className(pixels));
        assertEquals(100, index.shallowSize(pixels));
        int[] all = ObjectSelector.byClass("byte[]").select(index, CancelToken.NEVER);
        assertTrue(java.util.Arrays.stream(all).anyMatch(i -> i == pixels));
    }

    @Test
    void noCycleWhereThereIsNone() {
        assertTrue(only("ChainTail", 1).cycles().isEmpty());
    }
}
