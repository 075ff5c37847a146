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
 * come first. Computed once per index; immutable afterwards, so any thread may read it (the index allows that).
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

    private static final byte DURABLE = 0;
    private static final byte MID_EVENT = 1;
    private static final byte UI_THREAD = 2;

    private final HprofIndex index;
    private final byte[] kinds;

    private TransientRoots(HprofIndex index, byte[] kinds) {
        this.index = index;
        this.kinds = kinds;
    }

    /** Classifies every root record of the index: each thread's name and stack are read once. */
    static TransientRoots of(HprofIndex index) {
        HprofIndex.Roots roots = index.roots();
        byte[] kinds = new byte[roots.objects.length];
        Map<Integer, Boolean> uiThreads = new HashMap<>();
        Map<Integer, Integer> outermostMidEventFrame = new HashMap<>();
        for (int r = 0; r < kinds.length; r++) {
            GcRootKind kind = index.rootKind(r);
            if (kind != GcRootKind.JAVA_FRAME && kind != GcRootKind.JNI_LOCAL) {
                continue;
            }
            int thread = index.rootThreadSerial(r);
            boolean uiThread = uiThreads.computeIfAbsent(thread,
                    t -> UI_THREAD_PREFIXES.stream().anyMatch(index.threadName(t)::startsWith));
            // frames are innermost first: a local at or above (inner to) the outermost dispatch frame is mid-event
            int outermost = outermostMidEventFrame.computeIfAbsent(thread, t -> {
                List<String> stack = index.frames(t);
                for (int d = stack.size() - 1; d >= 0; d--) {
                    if (isMidEventFrame(stack.get(d))) {
                        return d;
                    }
                }
                return -1;
            });
            int depth = index.rootFrame(r);
            if (depth >= 0 && depth <= outermost) {
                kinds[r] = MID_EVENT;
            } else if (uiThread) {
                kinds[r] = UI_THREAD;
            }
        }
        return new TransientRoots(index, kinds);
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
        return record >= 0 && kinds[record] != DURABLE;
    }

    /** Why the root record is transient (its description and "captured mid-event"), or "" if it is durable. */
    String reason(int record) {
        if (!isTransient(record)) {
            return "";
        }
        return index.describeRoot(record) + (kinds[record] == MID_EVENT ? ", captured mid-event"
                : ", a UI thread's local: it changes with every event");
    }
}
