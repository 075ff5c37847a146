package dev.leakinspector.heap;

import java.util.List;
import java.util.Locale;

/**
 * Reads a verdict hint from the shape of an object's first path ({@link PathVerdict}): what keeps it, looked at
 * where the program holds it, i.e. from the not-leaking owner of the suspect references (walking back over that
 * owner's internal state: its collections, properties, listener lists) down to the object. Stateless.
 */
final class PathShape {
    /** Classes that only ever hold listeners, or whose content is a listener list. */
    private static final List<String> LISTENER_CLASSES = List.of("javax.swing.event.EventListenerList",
            "java.awt.AWTEventMulticaster", "java.beans.PropertyChangeSupport", "java.beans.ChangeListenerMap",
            "java.beans.PropertyChangeListenerProxy", "com.sun.javafx.binding.ExpressionHelper",
            "javafx.collections.ListChangeListener", "com.sun.javafx.collections.ListListenerHelper",
            "com.sun.javafx.collections.MapListenerHelper", "com.sun.javafx.collections.SetListenerHelper",
            "javafx.beans.WeakInvalidationListener", "javafx.beans.value.WeakChangeListener");
    /** Field name words of a listener list. */
    private static final List<String> LISTENER_WORDS = List.of("listener", "observer", "callback", "subscriber");
    static final List<String> ANIMATION_PREFIXES = List.of("javafx.animation.", "com.sun.scenario.animation.");
    static final List<String> TIMER_PREFIXES = List.of("java.util.Timer", "java.util.TaskQueue",
            "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ScheduledThreadPoolExecutor",
            "java.util.concurrent.ForkJoin", "java.util.concurrent.Executors", "javax.swing.Timer",
            "javax.swing.TimerQueue", "java.lang.Thread");

    private PathShape() {
    }

    /** The hint and its one-line reason. */
    record Hint(PathVerdict verdict, String reason) {
    }

    /** The hint for the first path of an analysis; {@code path} is null when the object is not reachable. */
    static Hint of(RetentionPath path) {
        if (path == null) {
            return new Hint(PathVerdict.UNDECIDED, "no strong path: it will be collected");
        }
        if (path.isTransient()) {
            return new Hint(PathVerdict.UNDECIDED, "only transient paths (" + path.transientReason()
                    + "): nothing durable keeps it, it should go once the event is handled");
        }
        if (path.libraryHold().isPresent()) {
            return new Hint(PathVerdict.UNDECIDED, "kept by a JDK/toolkit hold (" + path.libraryHold().get().name()
                    + "), not by the program");
        }
        int[] span = ownerAndLeaking(path.steps());
        List<PathStep> region = path.steps().subList(span[0], span[1] + 1);
        Hint hint = listenerList(region);
        if (hint == null) {
            hint = runningThing(region);
        }
        if (hint == null && span[0] == 0) {
            hint = thread(path, region.get(0));
        }
        return hint != null ? hint : byOwnersField(region);
    }

    /**
     * Where the program holds the object: the not-leaking owner of the suspect references, walked back over that
     * owner's internal state (its collections, properties, listener lists), and the first leaking step (the object
     * itself when nothing before it is leaking). Returns {owner, leaking}.
     */
    static int[] ownerAndLeaking(List<PathStep> steps) {
        int leaking = steps.size() - 1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).leaking() == LeakingStatus.YES) {
                leaking = i;
                break;
            }
        }
        int owner = 0;
        for (int i = 0; i < leaking; i++) {
            if (steps.get(i).leaking() == LeakingStatus.NO) {
                owner = i;
            }
        }
        while (owner > 0 && steps.get(owner).leakingReason().startsWith("internal state")) {
            owner--;
        }
        return new int[] {owner, leaking};
    }

    /** A listener list, a listener field, or a listener-like object in a collection: a leak. */
    private static Hint listenerList(List<PathStep> region) {
        for (int i = 1; i < region.size(); i++) {
            PathStep s = region.get(i);
            PathStep holder = region.get(i - 1);
            boolean listenerInCollection = isCollection(holder.className()) && looksLikeListener(s.className());
            if (isListenerHolder(holder.className()) || isListenerField(s) || listenerInCollection) {
                return new Hint(PathVerdict.LEAK, "retained through a listener list (" + listReference(region, i)
                        + (listenerInCollection ? " → " + simple(s.className()) : "") + ")");
            }
        }
        return null;
    }

    /** An animation, timer, executor or thread object on the way: a leak. */
    private static Hint runningThing(List<PathStep> region) {
        for (PathStep s : region) {
            if (startsWithAny(s.className(), ANIMATION_PREFIXES)) {
                return new Hint(PathVerdict.LEAK, "retained by a running animation (" + simple(s.className()) + ")");
            }
        }
        for (PathStep s : region) {
            if (startsWithAny(s.className(), TIMER_PREFIXES)) {
                return new Hint(PathVerdict.LEAK, "retained by a thread, timer or executor (" + simple(s.className()) + ")");
            }
        }
        return null;
    }

    /**
     * A thread's own root (its object or a durable frame's local) holds it: a leak, unless what the root holds is on
     * screen (a main thread keeping its showing frame is no thread leak).
     */
    private static Hint thread(RetentionPath path, PathStep root) {
        boolean heldByThreadItself = root.leaking() != LeakingStatus.NO || root.leakingReason().equals("GC root");
        boolean threadRoot = path.rootKind() == GcRootKind.THREAD_OBJECT || path.rootKind() == GcRootKind.JAVA_FRAME
                || path.rootKind() == GcRootKind.JNI_LOCAL;
        return heldByThreadItself && threadRoot
                ? new Hint(PathVerdict.LEAK, "retained by a running thread (" + path.rootDescription() + ")") : null;
    }

    /**
     * By what the owner holds it with: a collection a static field keeps is a leak; plain fields of a live owner
     * are a (possibly bounded) cache; a collection of a live owner cannot be told from one dump.
     */
    private static Hint byOwnersField(List<PathStep> region) {
        PathStep owner = region.get(0);
        boolean staticOwner = owner.classObject() || owner.leakingReason().startsWith("held by a static field");
        int collection = -1;
        for (int i = 0; i < region.size() - 1; i++) {
            if (isCollection(region.get(i).className())) {
                collection = i;
                break;
            }
        }
        if (collection >= 0) {
            String where = region.get(collection).reference();
            return staticOwner
                    ? new Hint(PathVerdict.LEAK, "kept in a collection a static field holds (" + where + ")")
                    : new Hint(PathVerdict.UNDECIDED, "kept in a collection of a live " + simple(owner.className())
                            + " (" + where + "): a cache or a leak, the live instance count tells");
        }
        if (region.size() > 1) {
            PathStep holding = region.get(1);
            if (holding.referenceKind() == ReferenceKind.INSTANCE_FIELD || holding.referenceKind() == ReferenceKind.STATIC_FIELD) {
                return new Hint(PathVerdict.CACHE, "held only by a plain field of a live " + simple(owner.className())
                        + " (" + holding.reference() + "): one per owner, possibly a bounded cache");
            }
        }
        return new Hint(PathVerdict.UNDECIDED, "");
    }

    /**
     * The field that holds the list: the nearest field reference at or before step {@code upTo}, skipping array
     * slots and the fields of collections, listener lists and properties ({@code ArrayList.elementData},
     * {@code StringPropertyBase.helper}), so it names the program's field ({@code AppModel.status}).
     */
    static String listReference(List<PathStep> region, int upTo) {
        for (int i = upTo; i >= 0; i--) {
            ReferenceKind k = region.get(i).referenceKind();
            boolean field = k == ReferenceKind.STATIC_FIELD || k == ReferenceKind.INSTANCE_FIELD;
            if (field && (i == 0 || !isPlumbing(region.get(i - 1).className()))) {
                return region.get(i).reference();
            }
        }
        return region.get(upTo).reference();
    }

    /** Library classes between a program's field and its listeners: collections, listener lists, properties. */
    private static boolean isPlumbing(String className) {
        return isCollection(className) || isListenerHolder(className) || startsWithAny(className, PLUMBING_PREFIXES);
    }

    private static final List<String> PLUMBING_PREFIXES = List.of("javafx.beans.", "com.sun.javafx.binding.",
            "java.beans.", "javax.swing.event.", "com.sun.javafx.collections.", "javafx.collections.");

    /** A listener, handler, observer or callback by its class name, or a lambda (what listener lists hold). */
    static boolean looksLikeListener(String className) {
        String simple = simple(className);
        return simple.contains("Listener") || simple.contains("Handler") || simple.contains("Observer")
                || simple.contains("Callback") || simple.contains("$$Lambda");
    }

    static boolean isListenerHolder(String className) {
        return startsWithAny(className, LISTENER_CLASSES);
    }

    static boolean isListenerField(PathStep s) {
        if (s.referenceKind() != ReferenceKind.INSTANCE_FIELD && s.referenceKind() != ReferenceKind.STATIC_FIELD) {
            return false;
        }
        String field = s.reference().substring(s.reference().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return LISTENER_WORDS.stream().anyMatch(field::contains);
    }

    /** Arrays and the java.util collections and maps (their entries and nodes too). */
    static boolean isCollection(String className) {
        if (className.endsWith("[]")) {
            return true;
        }
        return className.startsWith("java.util.") && !className.startsWith("java.util.concurrent.atomic.")
                && (className.contains("List") || className.contains("Map") || className.contains("Set")
                    || className.contains("Queue") || className.contains("Deque") || className.contains("Vector")
                    || className.contains("Stack") || className.contains("Collections$"));
    }

    static boolean startsWithAny(String s, List<String> prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
