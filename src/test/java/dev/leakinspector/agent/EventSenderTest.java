package dev.leakinspector.agent;

import dev.leakinspector.protocol.FrameWriter;
import dev.leakinspector.protocol.ObjectDeallocated;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class EventSenderTest {
    /** A link that takes the first write and then never returns: our process stopped reading. */
    private static final class StuckOutput extends OutputStream {
        final CountDownLatch firstWrite = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            firstWrite.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void whenTheLinkStopsMovingOfferNeverBlocksAndCountsWhatItDrops() throws InterruptedException {
        StuckOutput output = new StuckOutput();
        EventSender sender = new EventSender(new FrameWriter(output), e -> { });
        sender.start();
        sender.offer(new ObjectDeallocated(0, 0));
        output.firstWrite.await();

        int offered = EventSender.CAPACITY + 1000;
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            for (int i = 1; i <= offered; i++) {
                sender.offer(new ObjectDeallocated(i, i));
            }
        });
        assertEquals(offered - EventSender.CAPACITY, sender.dropped(), "the queue holds CAPACITY, the rest is counted");
    }
}
