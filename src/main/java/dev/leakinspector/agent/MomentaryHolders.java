package dev.leakinspector.agent;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A toolkit's knowledge of its own internals that keep the last hovered, pressed or focused
 * component for a moment (until the next mouse event, say). A page swapped out by a click on one
 * of its own buttons is still held by the scene's mouse handler when its grace period ends; that
 * is not the user's leak, and the watcher defers such survivors instead of reporting them.
 *
 * <p>Called on the watcher thread; implementations read toolkit objects on the toolkit's own
 * thread, wait for it only briefly, never throw, and identify objects with
 * {@link WatchedReference#refersTo} so that no watched object is handed out.
 */
public interface MomentaryHolders {
    /** The ids of those {@code survivors} that are, or contain, an object the toolkit holds for a moment. */
    Set<Long> heldForAMoment(List<WatchedReference> survivors);

    /**
     * Called just before the GC that decides about {@code due} (the watches whose grace period is
     * over, without those under another due watch): lets go of soft caches in which the toolkit
     * keeps any of them, which that GC would not clear, so the GC alone decides. Default: nothing.
     */
    default void releaseSoftCaches(List<WatchedReference> due) {
    }

    /**
     * Runs {@code work} on a toolkit's thread through {@code uiThread} (e.g. {@code Platform::runLater}) and waits
     * up to {@code waitMillis} for its answer. {@code fallback} when the answer is late, {@code work} throws or the
     * toolkit is gone: when in doubt, report, for a late answer must not hide a leak. Never throws.
     */
    static <T> T askUiThread(Executor uiThread, Supplier<T> work, long waitMillis, T fallback) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        try {
            uiThread.execute(() -> {
                try {
                    answer.complete(work.get());
                } catch (Throwable error) {
                    answer.completeExceptionally(error);
                }
            });
            return answer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException busyOrGone) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }

    /**
     * The ids of those {@code survivors} that are, or contain, one of {@code held}: each held object and its
     * ancestors ({@code parent}, null at the top) are compared with the survivors. Toolkit thread.
     */
    static <N> Set<Long> survivorsContaining(Collection<? extends N> held, UnaryOperator<N> parent,
                                             List<WatchedReference> survivors) {
        Set<Long> ids = new HashSet<>();
        for (N object : held) {
            for (N level = object; level != null; level = parent.apply(level)) {
                for (WatchedReference survivor : survivors) {
                    if (survivor.refersTo(level)) {
                        ids.add(survivor.id());
                    }
                }
            }
        }
        return ids;
    }
}
