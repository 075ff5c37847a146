package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retained sizes computed alongside the paths: the same sizes, and a cancel still stops the wait. */
class BackgroundRetainedSizesTest {
    private static int[] someTargets(HprofIndex index) {
        int[] targets = new int[50];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextInt(index.objectCount());
        }
        return targets;
    }

    @Test
    void sameSizesAsTheCalculatorOnTheCallingThread() {
        HprofIndex index = TestDumps.sharedIndex();
        int[] targets = someTargets(index);
        long[] direct = new RetainedSizeCalculator(index, CancelToken.NEVER).retainedSizes(targets);
        long[] background = BackgroundRetainedSizes.start(index, targets).await(CancelToken.NEVER);
        assertArrayEquals(direct, background);
        assertTrue(java.util.Arrays.stream(direct).filter(s -> s > 0).count() > targets.length / 2, "sizes were computed");
    }

    @Test
    void theCallersCancelStopsTheWait() {
        HprofIndex index = TestDumps.sharedIndex();
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        BackgroundRetainedSizes running = BackgroundRetainedSizes.start(index, someTargets(index));
        assertThrows(CancellationException.class, () -> running.await(cancel));
    }

    @Test
    void aCancelledAnalysisThrowsInsteadOfWaiting() {
        HprofIndex index = TestDumps.sharedIndex();
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        LeakAnalyzer analyzer = new LeakAnalyzer(index, ProgressListener.NONE, cancel).findCycles(false);
        assertThrows(CancellationException.class,
            () -> analyzer.analyze(someTargets(index), 1, java.util.Set.of(), new long[0][]));
    }
}
