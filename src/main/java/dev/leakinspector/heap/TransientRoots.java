package dev.leakinspector.heap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which GC root records of a dump are transient: a local variable (Java frame or JNI local) of a UI thread, or of
 * any thread whose stack at that frame is inside event dispatch or painting. Such a root holds its objects only
 * until the event being handled when the dump was taken returns (a dump taken mid-paint shows
 * {@code JComponent._paintImmediately}'s locals), so a path from it explains nothing the program keeps; paths from
 * durable roots (a class's static fields, a thread object, a thread's long-lived frame, a JNI global, a monitor)
 * come first. Computed once per index; immutable afterwards, so any thread may read it.
 */
final class TransientRoots {
    /** Threads that run the toolkits' events: every local of theirs lives for one event at most. */
    private static final List<String> UI_THREAD_PREFIXES = List.of("AWT-EventQueue-", "JavaFX Application Thread");

    /**
     * Frames ({@code class.method} prefixes) that dispatch an event, run a posted task, paint or run a pulse: a
     * local in this frame or a frame above it lives only until the event is handled. The idle loops
     * ({@code EventQueue.getNextEvent}, the glass run loop) are deliberately not here.
     */
    private static final List<String> MID_EVENT_FRAMES = List.of(
            "java.awt.EventQueue.dispatchEvent",
            "java.awt.event.InvocationEvent.dispatch",
            "java.awt.Component.dispatchEvent",
            "javax.swing.RepaintManager.paint",
            "javax.swing.JComponent.paint",
            "javax.swing.JComponent._paintImmediately",
            "com.sun.glass.ui.InvokeLaterDispatcher$Future.run",
            "com.sun.javafx.application.PlatformImpl.lambda$runLater",
            "com.sun.javafx.tk.quantum.QuantumToolkit.pulse",
            "com.sun.javafx.tk.quantum.GlassViewEventHandler",
            "com.sun.javafx.event.EventUtil.fireEvent",
            "com.sun.scenario.animation.AbstractPrimaryTimer.timePulse");

    private final String[] reasons;

    private TransientRoots(String[] reasons) {
        this.reasons = reasons;
    }

    /** Classifies every root record of the index. */
    static TransientRoots of(HprofIndex index) {
        HprofIndex.Roots roots = index.roots();
        String[] reasons = new String[roots.objects.length];
        Map<Integer, String> threadNames = new HashMap<>();
        Map<Integer, List<String>> stacks = new HashMap<>();
        for (int r = 0; r < reasons.length; r++) {
            GcRootKind kind = index.rootKind(r);
            if (kind != GcRootKind.JAVA_FRAME && kind != GcRootKind.JNI_LOCAL) {
                continue;
            }
            int thread = index.rootThreadSerial(r);
            String name = threadNames.computeIfAbsent(thread, index::threadName);
            List<String> stack = stacks.computeIfAbsent(thread, t -> index.framesFrom(t, 0));
            int depth = index.rootFrame(r);
            List<String> fromFrame = depth >= 0 && depth < stack.size() ? stack.subList(depth, stack.size()) : List.of();
            boolean midEvent = fromFrame.stream().anyMatch(TransientRoots::isMidEventFrame);
            boolean uiThread = UI_THREAD_PREFIXES.stream().anyMatch(name::startsWith);
            if (midEvent) {
                reasons[r] = index.describeRoot(r) + ", captured mid-event";
            } else if (uiThread) {
                reasons[r] = index.describeRoot(r) + ", a UI thread's local: it changes with every event";
            }
        }
        return new TransientRoots(reasons);
    }

    static boolean isMidEventFrame(String classAndMethod) {
        for (String prefix : MID_EVENT_FRAMES) {
            if (classAndMethod.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether root record {@code record} is transient. */
    boolean isTransient(int record) {
        return record >= 0 && reasons[record] != null;
    }

    /** Why the root record is transient (its description and "captured mid-event"), or "" if it is durable. */
    String reason(int record) {
        return isTransient(record) ? reasons[record] : "";
    }
}
