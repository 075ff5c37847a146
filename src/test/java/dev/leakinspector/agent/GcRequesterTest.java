package dev.leakinspector.agent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a GC request counts as confirmed, and what a report says when none ran. */
class GcRequesterTest {
    @Test
    void aRealGcOnThisJvmIsConfirmed() {
        GcRequester requester = new GcRequester((String) null);

        assertTrue(requester.collect(), "this JVM runs requested GCs (no -XX:+DisableExplicitGC in the test JVM)");
        assertEquals("", requester.skippedBecause());
    }

    /** JDK 17 skips a requested full GC while a thread is in a JNI critical region: asking again confirms it. */
    @Test
    void aRequestThatRanNoCollectionIsRepeatedUntilOneRuns() {
        AtomicLong collections = new AtomicLong();
        AtomicInteger requests = new AtomicInteger();
        GcRequester requester = new GcRequester(null, () -> {
            if (requests.incrementAndGet() == 3) {
                collections.incrementAndGet();
            }
        }, collections::get);

        assertTrue(requester.collect());
        assertEquals(3, requests.get());
        assertEquals("", requester.skippedBecause());
    }

    @Test
    void requestsThatNeverRunAGcAreBoundedAndSaySo() {
        AtomicInteger requests = new AtomicInteger();
        GcRequester requester = new GcRequester(null, requests::incrementAndGet, () -> 7);
        long started = System.nanoTime();

        assertFalse(requester.collect());
        assertTrue(requests.get() > 1 && requests.get() <= 5, requests + " requests");
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "bounded");
        assertTrue(requester.skippedBecause().startsWith("the JVM ran none of 5 GC requests"), requester.skippedBecause());
    }

    @Test
    void aDisabledRequesterSaysWhyAndNeverAsks() {
        AtomicInteger requests = new AtomicInteger();
        GcRequester requester = new GcRequester("-XX:+DisableExplicitGC", requests::incrementAndGet, () -> 0);

        assertFalse(requester.collect());
        assertEquals(0, requests.get());
        assertEquals("-XX:+DisableExplicitGC", requester.skippedBecause());
    }
}
