package dev.leakinspector.app.trace;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.ReferenceKind;

import java.util.List;
import java.util.Objects;

/**
 * One line of a leak trace: an object on a retention path, the reference that holds it, and the marks the trace
 * view shows on it. Built by {@link LeakTrace} from a {@code PathStep} in its path; plain data, no JavaFX.
 * Immutable; any thread.
 *
 * @param index           position on the path, 0 for the GC root's object
 * @param objectId        the object's id in the dump (the graph's node key)
 * @param className       full class name; for a class object the class it is
 * @param classObject     whether the object is a class object (its statics)
 * @param reference       the incoming reference (field, array slot, local), or for the first step how the GC root
 *                        holds it, e.g. {@code System class}
 * @param referenceKind   kind of the incoming reference
 * @param leaking         the object's leaking status
 * @param leakingReason   why it has that status ("Stage hidden", "GC root"), may be empty
 * @param suspect         whether the incoming reference is on the suspect stretch: removing one of them frees the
 *                        leaked object
 * @param libraryHoldWhy  when the incoming reference is a documented JDK/toolkit hold, what keeps the object and when
 *                        it lets go (no program can remove it, so it is never a suspect); else empty
 * @param transientReason for the first step of a transient path, why its root lets go soon; else empty
 * @param leaked          whether this is the leaked object (the path's last step)
 * @param changes         "What to change" lines shown at this step (the suspect reference they are about), may be
 *                        empty
 */
public record TraceStep(int index, long objectId, String className, boolean classObject, String reference,
                        ReferenceKind referenceKind, LeakingStatus leaking, String leakingReason, boolean suspect,
                        String libraryHoldWhy, String transientReason, boolean leaked, List<String> changes) {
    public TraceStep {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(leaking, "leaking");
        leakingReason = leakingReason == null ? "" : leakingReason;
        libraryHoldWhy = libraryHoldWhy == null ? "" : libraryHoldWhy;
        transientReason = transientReason == null ? "" : transientReason;
        changes = List.copyOf(changes);
    }

    /** Whether this is the GC root's object (the first step of its path). */
    public boolean root() {
        return index == 0;
    }

    /** Whether the incoming reference is a documented JDK/toolkit hold. */
    public boolean libraryHold() {
        return !libraryHoldWhy.isEmpty();
    }

    /** Whether this step is held by a transient root (a UI thread's local captured mid-event). */
    public boolean transientRoot() {
        return !transientReason.isEmpty();
    }

    /** The class as the line shows it: without package, with " class" for a class object, as the graph titles it. */
    public String title() {
        return RetainGraph.shortName(className) + (classObject ? " class" : "");
    }

    /** The reference in full: "GC root: System class" for the first step, else the reference (the tooltip's text). */
    public String referenceText() {
        return root() ? "GC root: " + reference : reference;
    }

    /**
     * The reference as the line shows it: a local's root without its frame ({@link #shortRoot}), a field named by the simple name of the class that declares it
     * ({@code ModelListenerPattern$StatusController.stage} is {@code StatusController.stage}, a lambda's
     * {@code Foo$$Lambda$404+0x7f….arg$1} is {@code Foo$$Lambda.arg$1}); anything else as {@link #referenceText()}.
     */
    public String shortReferenceText() {
        return root() ? "GC root: " + shortRoot(reference) : shortReference(reference, referenceKind);
    }

    /**
     * A root's description without the frame of a local ({@code local variable in thread "main" at Foo.run(…)} is
     * {@code local in "main"}): the frame is long and the path's header or tooltip has it.
     */
    static String shortRoot(String rootDescription) {
        int at = rootDescription.indexOf("\" at ");
        int thread = rootDescription.indexOf(" in thread \"");
        boolean local = rootDescription.startsWith("local variable in thread") || rootDescription.startsWith("JNI local in thread");
        if (!local || at < 0 || thread < 0) {
            return rootDescription;
        }
        String kind = rootDescription.startsWith("JNI") ? "JNI local" : "local";
        return kind + " in " + rootDescription.substring(thread + " in thread ".length(), at + 1);
    }

    /** A field reference by the simple name of its declaring class, as {@link #shortReferenceText()} shows it. */
    static String shortReference(String reference, ReferenceKind referenceKind) {
        if (referenceKind != ReferenceKind.INSTANCE_FIELD && referenceKind != ReferenceKind.STATIC_FIELD) {
            return reference;
        }
        String prefix = reference.startsWith("static ") ? "static " : "";
        String ref = reference.substring(prefix.length());
        int dot = ref.lastIndexOf('.');
        if (dot <= 0) {
            return reference;
        }
        return prefix + readableClass(RetainGraph.withoutHiddenSuffix(ref.substring(0, dot))) + ref.substring(dot);
    }

    /** {@code a.b.Outer$Inner} is {@code Inner}; {@code Outer$$Lambda$7} is {@code Outer$$Lambda}; {@code Outer$1} stays. */
    static String readableClass(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int lambda = simple.indexOf("$$Lambda");
        if (lambda > 0) {
            return readableClass(simple.substring(0, lambda)) + "$$Lambda";
        }
        int dollar = simple.lastIndexOf('$');
        if (dollar <= 0 || dollar == simple.length() - 1 || !Character.isJavaIdentifierStart(simple.charAt(dollar + 1))) {
            return simple;
        }
        return simple.substring(dollar + 1);
    }

    /** The leaking status in LeakCanary's words, e.g. {@code Leaking: YES (Stage hidden)}. */
    public String statusText() {
        return "Leaking: " + leaking + (leakingReason.isEmpty() ? "" : " (" + leakingReason + ")");
    }
}
