package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwoThreadsTest {
    @Test
    void bothHalvesRunAtOnceAndTheHelpersWritesAreSeenAfterwards() {
        int[] written = new int[2];
        Thread[] ranOn = new Thread[2];
        CountDownLatch bothStarted = new CountDownLatch(2);
        TwoThreads.run("leak-inspector-heap-test", "testing", () -> {
            ranOn[0] = Thread.currentThread();
            bothStarted.countDown();
            awaitQuietly(bothStarted);
            written[0] = 1;
        }, () -> {
            ranOn[1] = Thread.currentThread();
            bothStarted.countDown();
            awaitQuietly(bothStarted);
            written[1] = 2;
        });
        assertEquals(1, written[0]);
        assertEquals(2, written[1]);
        assertSame(Thread.currentThread(), ranOn[1]);
        assertNotSame(Thread.currentThread(), ranOn[0]);
        assertEquals("leak-inspector-heap-test", ranOn[0].getName());
        assertTrue(ranOn[0].isDaemon());
    }

    @Test
    void theHelpersFailureIsThrownOnTheCallingThreadAsItIs() {
        IllegalArgumentException failure = new IllegalArgumentException("damaged");
        assertSame(failure, assertThrows(IllegalArgumentException.class,
                () -> TwoThreads.run("leak-inspector-heap-test", "testing", () -> {
                    throw failure;
                }, () -> { })));
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class,
                () -> TwoThreads.run("leak-inspector-heap-test", "testing", () -> {
                    throw error;
                }, () -> { })));
    }

    @Test
    void theCallingThreadsFailureWinsAndTheHelperHasEndedWhenItIsThrown() {
        AtomicBoolean helperDone = new AtomicBoolean();
        CountDownLatch callerFailed = new CountDownLatch(1);
        IllegalStateException own = assertThrows(IllegalStateException.class,
                () -> TwoThreads.run("leak-inspector-heap-test", "testing", () -> {
                    awaitQuietly(callerFailed);
                    helperDone.set(true);
                    throw new IllegalArgumentException("the helper's, later");
                }, () -> {
                    callerFailed.countDown();
                    throw new IllegalStateException("the caller's");
                }));
        assertEquals("the caller's", own.getMessage());
        assertTrue(helperDone.get(), "joined before the failure is thrown");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
