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
}
