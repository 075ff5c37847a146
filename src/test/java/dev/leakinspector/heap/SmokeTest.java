package dev.leakinspector.heap;

import dev.leakinspector.cli.AnalyzeCommand;
import org.junit.jupiter.api.Test;

import java.util.List;

class SmokeTest {
    @Test
    void prints() {
        TestDumps.sharedIndex();
        for (String c : List.of("dev.leakinspector.heap.HeapFixtures$ChainTail", "dev.leakinspector.heap.HeapFixtures$ArrayElement",
            "dev.leakinspector.heap.HeapFixtures$Outer", "dev.leakinspector.heap.HeapFixtures$Captured",
            "dev.leakinspector.heap.HeapFixtures$TlValue", "dev.leakinspector.heap.HeapFixtures$LocalValue",
            "dev.leakinspector.heap.HeapFixtures$WeaklyAndStronglyHeld", "dev.leakinspector.heap.HeapFixtures$SoftOnly",
            "dev.leakinspector.heap.HeapFixtures$Cycle3", "dev.leakinspector.heap.HeapFixtures$SelfCycleStart")) {
            AnalyzeCommand.run(List.of(TestDumps.sharedFile().toString(), "--class", c), System.out, System.out);
        }
        HprofIndex index = TestDumps.sharedIndex();
        System.out.println("objects=" + index.objectCount() + " refs=" + index.referenceCount() + " bytes=" + index.indexBytes());
    }
}
