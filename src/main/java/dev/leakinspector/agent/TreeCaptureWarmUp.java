package dev.leakinspector.agent;

import dev.leakinspector.protocol.Verdict;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gets the watcher's share of a tree capture compiled before the program's first one: the code a toolkit trigger runs
 * on the program's UI thread when a subtree is detached ({@link Watcher#watchTree}: the ignore rules, the look-up of a
 * standing report, the watch and its origin, the watch table's insert, the hand-off to the watcher thread), and the
 * watcher thread's walk of the subtree. Loading those classes ahead ({@code FxWarmUp}) is not enough: the first
 * frame of removals otherwise runs that code in the interpreter, a hundred times over, and pays for it in the
 * program's frame. The JIT compiles a method once it has been called a few hundred times (C1) or a few thousand
 * (C2), whoever calls it, so the same code is run here over our own dummy objects.
 *
 * <p>Into a watcher of its own, never the session's: that throwaway watcher has GC requests off, a grace period no
 * warm-up outlives, and a sink for its events that drops them (it never has any: nothing falls due). It is stopped
 * at the end, which clears its references and empties its table, and its thread is joined. Nothing of the
 * program's is read or referenced, no toolkit class is touched, and the whole is bounded in time
 * ({@value #MAX_MILLIS} ms, most of it waiting for the watcher thread's next poll).
 *
 * <p>Threading: called on an agent thread (the toolkit binder's), never on a UI thread; it runs its own watcher
 * thread meanwhile, which has ended when it returns. Thread-safe; stateless.
 */
public final class TreeCaptureWarmUp {
    /**
     * Past HotSpot's C2 threshold for a method's invocations ({@code Tier4InvocationThreshold}, 5,000), so that the
     * capture is compiled by both compilers now rather than by C2 in the middle of some later frame.
     */
    static final int CAPTURES = 6_000;
    /** Bounds the whole warm-up on a slow or busy machine: captures stop, and the walk is no longer waited for. */
    static final long MAX_MILLIS = 300;
    /** Longer than any warm-up: none of its watches ever falls due (which would mean a check, and a GC request). */
    private static final long GRACE_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final String TRIGGER = "warm-up";

    private TreeCaptureWarmUp() {
    }

    /**
     * Runs the captures into a throwaway watcher, lets its thread walk them, and stops it.
     *
     * @return how many captures were made ({@link #CAPTURES}, fewer when the time ran out)
     */
    public static int run() {
        return run(new Watcher(GRACE_MILLIS, new GcRequester(false), dropped -> { }));
    }

    /** {@link #run()} into {@code throwaway}, a watcher not started yet, which is started and stopped here. */
    static int run(Watcher throwaway) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS);
        // A real pattern, as a session has (the built-in ignores), so that its match is compiled too.
        throwaway.setIgnoreRules(IgnoreRules.withBuiltIns(List.of()));
        throwaway.start();
        int captures = 0;
        try {
            ViewStack above = ViewStack.of(ViewStack.crumb("Stage", null, null, "warm-up")).then("Scene");
            while (captures < CAPTURES && (captures % 256 != 0 || System.nanoTime() < deadline)) {
                // A node with one child, as a removed label with its text: the walk below the top runs too.
                Object[] top = {new Object()};
                ViewStack stack = above.then(ViewStack.crumb(ViewStack.typeName(DummyTree.class), "top", null, null));
                throwaway.watchTree(top, TRIGGER, stack, null, WatchSink.NOT_WATCHED, Verdict.RETAINED,
                        DummyTree.SHAPE, 2);
                captures++;
            }
            while (!throwaway.arrivalsTaken() && System.nanoTime() < deadline) {
                Thread.sleep(5); // the watcher thread takes arrivals at its next poll, within 100 ms
            }
        } catch (InterruptedException sessionEnding) {
            Thread.currentThread().interrupt();
        } finally {
            throwaway.stop();
        }
        return captures;
    }

    /** Our dummy trees: a node is an array of its children; anything else is a leaf. Stateless. */
    private static final class DummyTree implements WatchSink.TreeShape {
        static final DummyTree SHAPE = new DummyTree();

        @Override
        public List<?> children(Object node) {
            return node instanceof Object[] children ? Arrays.asList(children) : List.of();
        }

        @Override
        public String crumb(Object node) {
            return "Dummy";
        }
    }
}
