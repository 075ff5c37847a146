package dev.leakinspector.agent;

import dev.leakinspector.protocol.FrameWriter;
import dev.leakinspector.protocol.Message;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends the agent's messages to our process from its own thread, through a bounded queue: when our
 * process reads too slowly the queue fills up and further messages are dropped and counted — the
 * target's threads never wait for the network. {@link #offer} is thread-safe and never blocks.
 */
final class EventSender {
    static final int CAPACITY = 8192;

    private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final FrameWriter writer;
    private final Consumer<IOException> onFailure;
    private volatile boolean running = true;
    private final Thread thread;

    /** @param onFailure called once, on the sender thread, when writing fails (the link is gone) */
    EventSender(FrameWriter writer, Consumer<IOException> onFailure) {
        this.writer = writer;
        this.onFailure = onFailure;
        this.thread = AgentThreads.newThread("sender", this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues a message; drops and counts it when the queue is full. */
    void offer(Message message) {
        if (!running || !queue.offer(message)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    /**
     * Queues a last message, gives the thread a moment to send what is queued, then stops it.
     * Must not be called on the sender thread.
     */
    void finish(Message last, long timeoutMillis) {
        offer(last);
        running = false;
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread.interrupt();
    }

    private void writeOrDrop(Message message) throws IOException {
        try {
            writer.write(message);
        } catch (RuntimeException unencodable) {
            // Over the protocol's size bounds (say, a window title of megabytes), or otherwise not
            // encodable: drop that message, count it, keep the link.
            dropped.incrementAndGet();
        }
    }

    private void run() {
        try {
            while (running || !queue.isEmpty()) {
                Message message = queue.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    writeOrDrop(message);
                }
            }
        } catch (InterruptedException e) {
            // finish() gave up waiting; whatever is still queued is dropped with the link.
        } catch (IOException e) {
            running = false;
            onFailure.accept(e);
        }
    }
}
