package dev.leakinspector.graph;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ObjectContents;
import dev.leakinspector.heap.ObjectInspector;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The dump behind a {@link RetainGraph}, for {@link RetainGraphView}'s details pane: a clicked object's fields and
 * its retained size, read by the heap engine's {@link ObjectInspector} on a background executor and remembered per
 * object. A retained size is a whole-heap pass (about a second on a 30 M-object dump, see
 * {@link ObjectInspector#retainedSize}), so at most one runs: asking for another object's cancels it.
 *
 * <pre>{@code
 * NodeInspector inspector = new NodeInspector(index, executor);  // the index the graph was analysed from
 * view.setInspector(inspector);
 * ...
 * inspector.close().whenComplete((done, error) -> closeIndexAndDeleteTheDump());
 * }</pre>
 *
 * <p>Ownership: it reads the index but does not own it. Whoever opened the index keeps it open while the view may
 * ask, calls {@link #close()}, and closes the index once the future that returns is done: then no task reads it.
 *
 * <p>Threading: call it from one thread, the FX thread. The futures it returns complete on a background thread
 * (or at once, when the answer is known); hand their results to the FX thread with {@code Platform.runLater}.
 */
public final class NodeInspector {
    private final ObjectInspector objects;
    private final Executor background;
    private final Map<Long, CompletableFuture<ObjectContents>> contents = new HashMap<>();
    /** Written by background tasks, read on the FX thread. */
    private final Map<Long, Long> retainedSizes = new ConcurrentHashMap<>();
    /** Tasks that may still read the index; {@link #close()} waits for them. */
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private long computingId;
    private CancelToken computingCancel;
    private CompletableFuture<Long> computing;
    private boolean closed;

    /** Reads {@code index} (which must be the dump the graph was made from) with tasks run on {@code background}. */
    public NodeInspector(HprofIndex index, Executor background) {
        this.objects = new ObjectInspector(index);
        this.background = background;
    }

    /**
     * The object's fields (or elements, or statics), read once in the background, then remembered. Fails with
     * {@link IllegalArgumentException} (in a {@link CompletionException}) when the dump has no such object.
     */
    public CompletableFuture<ObjectContents> contents(long objectId) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the inspector is closed"));
        }
        return contents.computeIfAbsent(objectId,
                id -> track(CompletableFuture.supplyAsync(() -> objects.contents(id), background)));
    }

    /**
     * The object's retained size: remembered, or computed in the background. Any computation running for another
     * object is cancelled first (its future fails with a {@link CancellationException} as the cause), because the
     * user has moved on to this one; asking again for the object being computed returns the same future.
     */
    public CompletableFuture<Long> retainedSize(long objectId) {
        if (computing != null && computingId == objectId && !computing.isDone()) {
            return computing;
        }
        cancelRetainedSize();
        Long known = retainedSizes.get(objectId);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the inspector is closed"));
        }
        CancelToken cancel = new CancelToken();
        computingId = objectId;
        computingCancel = cancel;
        computing = track(CompletableFuture.supplyAsync(() -> {
            cancel.throwIfCancelled(); // cancelled while it waited for a thread
            long bytes = objects.retainedSize(objectId, cancel);
            retainedSizes.put(objectId, bytes);
            return bytes;
        }, background));
        return computing;
    }

    /** Stops the retained-size computation that runs, if one does. */
    public void cancelRetainedSize() {
        if (computingCancel != null) {
            computingCancel.cancel();
        }
        computing = null;
        computingCancel = null;
    }

    /**
     * Cancels what runs and refuses new requests. The future completes (never exceptionally) once no task of this
     * inspector reads the index any more: then its owner may close the index.
     */
    public CompletableFuture<Void> close() {
        closed = true;
        cancelRetainedSize();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).handle((done, error) -> null);
    }

    /** Whether a failure of one of the futures is a cancellation (a newer request replaced it), not an error. */
    public static boolean isCancellation(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof CancellationException;
    }

    /** The message of a failure of one of the futures, without the wrapping of {@link CompletionException}. */
    public static String messageOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> task) {
        running.add(task);
        task.whenComplete((result, error) -> running.remove(task));
        return task;
    }
}
