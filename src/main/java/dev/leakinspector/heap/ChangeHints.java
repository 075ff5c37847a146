package dev.leakinspector.heap;

import static dev.leakinspector.heap.PathShape.simple;
import static dev.leakinspector.heap.PathShape.startsWithAny;

import java.util.List;
import java.util.Optional;

/**
 * Reads what to change from a path ({@link ChangeHint}), looking where {@link PathShape} looks: at the references
 * from the program's not-leaking owner down to the first leaking object. The same shapes in the same order as the
 * path verdict (a thread-local first, since its map is a thread's), so the suggestion matches the verdict's reason;
 * the line names the program's class and field from the path. Stateless; call from any thread.
 */
public final class ChangeHints {
    private static final String THREAD_LOCAL_MAP = "java.lang.ThreadLocal$ThreadLocalMap";
    /** {@link PathShape}'s timers and executors without {@code java.lang.Thread}, which is told apart below. */
    private static final List<String> EXECUTOR_PREFIXES = PathShape.TIMER_PREFIXES.stream()
            .filter(p -> !p.equals("java.lang.Thread")).toList();

    private ChangeHints() {
    }

    /** The suggestion for an analysis: that of its first path; empty when nothing durable keeps the object. */
    public static Optional<ChangeHint> of(ObjectAnalysis analysis) {
        return analysis.paths().isEmpty() ? Optional.empty() : of(analysis.paths().get(0));
    }

    /**
     * The suggestion for one path: for a documented JDK/toolkit hold a {@link ChangeHint.Kind#LIBRARY_HOLD} note
     * (never a change); empty for a transient path (it lets go once the event is handled) or a shape without a
     * suspect field to name.
     */
    public static Optional<ChangeHint> of(RetentionPath path) {
        if (path.isTransient() || path.steps().isEmpty()) {
            return Optional.empty();
        }
        if (path.libraryHold().isPresent()) {
            LibraryHold h = path.libraryHold().get();
            return Optional.of(new ChangeHint(ChangeHint.Kind.LIBRARY_HOLD, h.pattern(),
                    "Nothing to change in the program: it is the JDK/toolkit's hold (" + h.name() + "); " + h.why()));
        }
        int[] span = PathShape.ownerAndLeaking(path.steps());
        List<PathStep> region = path.steps().subList(span[0], span[1] + 1);
        String leaked = shortName(region.get(region.size() - 1).className());
        ChangeHint hint = threadLocal(path.steps(), leaked);
        if (hint == null) {
            hint = listener(region);
        }
        if (hint == null) {
            hint = runningThing(region);
        }
        if (hint == null && span[0] == 0) {
            hint = thread(path, region.get(0));
        }
        return Optional.ofNullable(hint != null ? hint : byOwnersField(region, leaked));
    }

    private static ChangeHint threadLocal(List<PathStep> steps, String leaked) {
        for (PathStep s : steps) {
            if (s.className().startsWith(THREAD_LOCAL_MAP)) {
                return new ChangeHint(ChangeHint.Kind.THREAD_LOCAL, "ThreadLocal",
                        "Call ThreadLocal.remove() on the pooled thread when done with the " + leaked);
            }
        }
        return null;
    }

    private static ChangeHint listener(List<PathStep> region) {
        for (int i = 1; i < region.size(); i++) {
            PathStep s = region.get(i);
            PathStep holder = region.get(i - 1);
            boolean listenerInCollection = PathShape.isCollection(holder.className())
                    && PathShape.looksLikeListener(s.className());
            if (PathShape.isListenerHolder(holder.className()) || PathShape.isListenerField(s) || listenerInCollection) {
                String ref = PathShape.listReference(region, i);
                String named = ref.startsWith("static ") ? "the static " + fieldName(ref) : ref;
                boolean javafx = region.stream().anyMatch(r -> r.className().startsWith("javafx.")
                        || r.className().startsWith("com.sun.javafx."));
                return new ChangeHint(ChangeHint.Kind.LISTENER, ref, "Remove the listener from " + named
                        + " when the window closes (or add it as a " + (javafx ? "WeakChangeListener" : "weak listener") + ")");
            }
        }
        return null;
    }

    /** An animation, then an executor or timer (named by its public class, not its queue or worker), then a thread. */
    private static ChangeHint runningThing(List<PathStep> region) {
        // the program's Timeline or Transition, not the toolkit's primary timer that holds every running animation
        PathStep animation = pick(region, List.of("javafx.animation."));
        if (animation == null) {
            animation = pick(region, PathShape.ANIMATION_PREFIXES);
        }
        if (animation != null) {
            String name = outer(animation.className());
            return new ChangeHint(ChangeHint.Kind.ANIMATION, name, "Stop the " + name + " when the window closes");
        }
        PathStep executor = pick(region, EXECUTOR_PREFIXES);
        if (executor != null) {
            String name = outer(executor.className());
            String line = name.equals("Timer") && executor.className().startsWith("javax.swing.")
                    ? "Stop the javax.swing.Timer when the window closes"
                    : name.equals("TimerQueue") ? "Stop the javax.swing.Timer whose action holds it when the window closes"
                    : name.equals("Timer") || name.equals("TaskQueue") ? "Cancel the TimerTask scheduled on the Timer when the view closes"
                    : "Cancel the task scheduled on the " + name + " when the view closes";
            return new ChangeHint(ChangeHint.Kind.EXECUTOR, name, line);
        }
        for (PathStep s : region) {
            if (s.className().equals("java.lang.Thread") || s.className().startsWith("java.lang.Thread$")) {
                return new ChangeHint(ChangeHint.Kind.THREAD, "Thread",
                        "Stop the thread (interrupt it or end its loop) when the window closes");
            }
        }
        return null;
    }

    /** A thread's own root holds it, as {@link PathShape} decides it. */
    private static ChangeHint thread(RetentionPath path, PathStep root) {
        boolean heldByThreadItself = root.leaking() != LeakingStatus.NO || root.leakingReason().equals("GC root");
        boolean threadRoot = path.rootKind() == GcRootKind.THREAD_OBJECT || path.rootKind() == GcRootKind.JAVA_FRAME
                || path.rootKind() == GcRootKind.JNI_LOCAL;
        if (!heldByThreadItself || !threadRoot) {
            return null;
        }
        String d = path.rootDescription();
        int q = d.indexOf('"');
        int end = q < 0 ? -1 : d.indexOf('"', q + 1);
        String thread = end > q ? d.substring(q, end + 1) : "that holds it";
        return new ChangeHint(ChangeHint.Kind.THREAD, thread,
                "Stop the thread " + thread + " (interrupt it or end its loop) when the window closes");
    }

    private static ChangeHint byOwnersField(List<PathStep> region, String leaked) {
        PathStep owner = region.get(0);
        boolean staticOwner = owner.classObject() || owner.leakingReason().startsWith("held by a static field");
        for (int i = 0; i < region.size() - 1; i++) {
            if (PathShape.isCollection(region.get(i).className())) {
                String where = region.get(i).reference();
                return staticOwner
                        ? new ChangeHint(ChangeHint.Kind.STATIC_COLLECTION, where, "Remove the " + leaked + " from the static "
                                + fieldName(where) + " when it is closed or swapped out")
                        : new ChangeHint(ChangeHint.Kind.COLLECTION, where, "Remove the " + leaked + " from "
                                + fieldName(where) + " when it is closed (unless it is a bounded cache)");
            }
        }
        if (region.size() > 1) {
            PathStep holding = region.get(1);
            if (holding.referenceKind() == ReferenceKind.INSTANCE_FIELD || holding.referenceKind() == ReferenceKind.STATIC_FIELD) {
                String ref = holding.reference();
                return new ChangeHint(ChangeHint.Kind.FIELD, ref, "Set " + (holding.referenceKind() == ReferenceKind.STATIC_FIELD
                        ? "the static " : "") + fieldName(ref) + " to null when the window closes");
            }
        }
        return null;
    }

    /** The step to name: the first of the public class itself (no {@code $}), else the first match. */
    private static PathStep pick(List<PathStep> region, List<String> prefixes) {
        PathStep first = null;
        for (PathStep s : region) {
            if (startsWithAny(s.className(), prefixes)) {
                if (!s.className().contains("$")) {
                    return s;
                }
                if (first == null) {
                    first = s;
                }
            }
        }
        return first;
    }

    /** {@code java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue} → {@code ScheduledThreadPoolExecutor}. */
    private static String outer(String className) {
        String simple = simple(className);
        int dollar = simple.indexOf('$');
        return dollar > 0 ? simple.substring(0, dollar) : simple;
    }

    /**
     * The leaked object's class as a sentence names it: a nested class by its own name
     * ({@code SwappedPagePattern$OrdersPage} → {@code OrdersPage}); anonymous classes and lambdas by their full simple
     * name, which is all they have.
     */
    static String shortName(String className) {
        String simple = simple(className);
        int dollar = simple.lastIndexOf('$');
        if (dollar < 0 || dollar == simple.length() - 1 || simple.contains("$$Lambda")
                || Character.isDigit(simple.charAt(dollar + 1))) {
            return simple;
        }
        return simple.substring(dollar + 1);
    }

    /** A reference without the {@code static } prefix the path gives static fields. */
    private static String fieldName(String reference) {
        return reference.startsWith("static ") ? reference.substring("static ".length()) : reference;
    }
}
