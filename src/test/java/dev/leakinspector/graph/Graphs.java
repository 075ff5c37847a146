package dev.leakinspector.graph;

import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.ReferenceKind;
import dev.leakinspector.heap.RetainCycle;
import dev.leakinspector.heap.RetentionPath;

import java.util.List;

/** Hand-made analyses shaped like the demo's pattern 1, for model, layout and exporter tests. */
public final class Graphs {
    public static final long MODEL_CLASS = 0x10, MODEL = 0x20, PROPERTY = 0x30, LISTENERS = 0x40, LISTENER = 0x50,
            CONTROLLER = 0x60, STAGE = 0x70, SCENE = 0x80, THREAD = 0x90, TASK = 0xa0;

    private Graphs() {
    }

    public static PathStep step(String cls, String ref, ReferenceKind kind, LeakingStatus status, boolean suspect, long id) {
        return new PathStep(cls, ref, kind, status, status == LeakingStatus.NO ? "GC root" : "", suspect, id, false);
    }

    /** static model → property → listeners → listener → controller → stage, plus a thread local → listener. */
    public static ObjectAnalysis patternOne() {
        RetentionPath viaStatic = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
                new PathStep("com.acme.AppModel", "System class", ReferenceKind.ROOT, LeakingStatus.NO,
                        "a class is never leaking", false, MODEL_CLASS, true),
                step("com.acme.AppModel", "static AppModel.INSTANCE", ReferenceKind.STATIC_FIELD, LeakingStatus.NO, false, MODEL),
                step("javafx.beans.property.SimpleStringProperty", "AppModel.status", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, PROPERTY),
                step("com.sun.javafx.binding.ExpressionHelper$Generic", "StringPropertyBase.helper", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, LISTENERS),
                step("com.acme.Controller$$Lambda$1", "ChangeListener[0]", ReferenceKind.ARRAY_ELEMENT, LeakingStatus.UNKNOWN, true, LISTENER),
                step("com.acme.Controller", "Controller$$Lambda$1.arg$1", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, CONTROLLER),
                step("javafx.stage.Stage", "Controller.stage", ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, true, STAGE)));
        RetentionPath viaThread = new RetentionPath(GcRootKind.JAVA_FRAME, "local variable in thread \"pool-1\" at com.acme.Foo.run(Foo.java:12)", List.of(
                step("java.lang.Thread", "local in thread \"pool-1\" frame Foo.run", ReferenceKind.LOCAL, LeakingStatus.NO, false, THREAD),
                step("com.acme.Task", "Thread.target", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, TASK),
                step("com.acme.Controller", "Task.owner", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, CONTROLLER),
                step("javafx.stage.Stage", "Controller.stage", ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, true, STAGE)));
        // Stage → Scene → Stage, and Stage → Controller (the path's own node) → Stage
        RetainCycle sceneCycle = new RetainCycle(List.of(
                step("javafx.stage.Stage", "Scene.window", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, STAGE),
                step("javafx.scene.Scene", "Window.scene", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, SCENE)));
        RetainCycle controllerCycle = new RetainCycle(List.of(
                step("com.acme.Controller", "Stage.userData", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, CONTROLLER),
                step("javafx.stage.Stage", "Controller.stage", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, STAGE)));
        return new ObjectAnalysis(STAGE, "javafx.stage.Stage", 12345, "abc", List.of(viaStatic, viaThread),
                List.of(sceneCycle, controllerCycle));
    }

    public static final long REGISTRY_CLASS = 0x1000, REGISTRY = 0x1010, MAP = 0x1020, TABLE = 0x1030, ENTRY = 0x1040,
            HANDLER = 0x1050, DIALOG = 0x1060, POOL_THREAD = 0x1070, QUEUE = 0x1080, QUEUE_ARRAY = 0x1090,
            JOB = 0x10a0, DIALOG_SCENE = 0x1100, DIALOG_ROOT = 0x1110, CONTROL = 0x1200, SKIN = 0x1300;
    /** Controls in {@link #bigDialog()}'s scene, each in a cycle of its own through the dialog. */
    public static final int CONTROLS = 12;

    /**
     * A leaked dialog with a big scene: a static registry's {@code HashMap} holds a handler that holds the dialog
     * (through {@code HashMap$Node[]} and {@code HashMap$Node}), a thread's {@code ArrayList} of jobs holds a job that
     * holds the handler (through its {@code elementData}); the dialog's scene, root, and {@value #CONTROLS} controls
     * with their skins are on cycles through the dialog only: {@code 2 + 2 × CONTROLS} objects inside it, 37 nodes.
     */
    public static ObjectAnalysis bigDialog() {
        RetentionPath viaMap = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
                new PathStep("com.acme.Registry", "System class", ReferenceKind.ROOT, LeakingStatus.NO,
                        "a class is never leaking", false, REGISTRY_CLASS, true),
                step("com.acme.Registry", "static Registry.INSTANCE", ReferenceKind.STATIC_FIELD, LeakingStatus.NO, false, REGISTRY),
                step("java.util.HashMap", "Registry.handlers", ReferenceKind.INSTANCE_FIELD, LeakingStatus.NO, false, MAP),
                step("java.util.HashMap$Node[]", "HashMap.table", ReferenceKind.INSTANCE_FIELD, LeakingStatus.NO, false, TABLE),
                step("java.util.HashMap$Node", "HashMap$Node[5]", ReferenceKind.ARRAY_ELEMENT, LeakingStatus.NO, false, ENTRY),
                step("com.acme.Handler", "HashMap$Node.value", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, HANDLER),
                step("com.acme.PrefsDialog", "Handler.dialog", ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, true, DIALOG)));
        RetentionPath viaQueue = new RetentionPath(GcRootKind.THREAD_OBJECT, "thread \"jobs\"", List.of(
                step("java.lang.Thread", "thread \"jobs\"", ReferenceKind.ROOT, LeakingStatus.NO, false, POOL_THREAD),
                step("java.util.ArrayList", "Worker.queue", ReferenceKind.INSTANCE_FIELD, LeakingStatus.NO, false, QUEUE),
                step("java.lang.Object[]", "ArrayList.elementData", ReferenceKind.INSTANCE_FIELD, LeakingStatus.NO, false, QUEUE_ARRAY),
                step("com.acme.Job", "Object[3]", ReferenceKind.ARRAY_ELEMENT, LeakingStatus.UNKNOWN, true, JOB),
                step("com.acme.Handler", "Job.handler", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, HANDLER),
                step("com.acme.PrefsDialog", "Handler.dialog", ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, true, DIALOG)));
        List<RetainCycle> cycles = new java.util.ArrayList<>();
        cycles.add(new RetainCycle(List.of(
                step("com.acme.PrefsDialog", "Scene.window", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, DIALOG),
                step("javafx.scene.Scene", "Window.scene", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, DIALOG_SCENE))));
        for (int i = 0; i < CONTROLS; i++) {
            cycles.add(new RetainCycle(List.of(
                    step("com.acme.PrefsDialog", "SkinBase.window", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, DIALOG),
                    step("javafx.scene.Scene", "Window.scene", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, DIALOG_SCENE),
                    step("javafx.scene.layout.VBox", "Scene.root", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, DIALOG_ROOT),
                    step("javafx.scene.control.TextField", "Parent.children[" + i + "]", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, CONTROL + i),
                    step("javafx.scene.control.skin.TextFieldSkin", "Control.skin", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, false, SKIN + i))));
        }
        return new ObjectAnalysis(DIALOG, "com.acme.PrefsDialog", 99_999, "", List.of(viaMap, viaQueue), cycles);
    }

    /** {@link #bigDialog()} as a graph with every cycle drawn. */
    public static RetainGraph bigDialogGraph() {
        return RetainGraph.builder().add(bigDialog(), "Stage \"Preferences\"").maxCycles(CONTROLS + 1).build();
    }
}
