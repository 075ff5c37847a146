package dev.leakinspector.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Installs our toolkit triggers once, and only once, the target has loaded that toolkit: a program
 * that never loads JavaFX never gets JavaFX from us. Toolkits already loaded are found among the
 * loaded classes; one loaded later is noticed by a class-file transformer that only looks at class
 * names (it never changes bytes) and is removed again on {@link #close()}.
 *
 * <p>Threading: the transformer runs on the target's class-loading threads and does nothing there
 * but hand the work to the agent's scheduler thread, where binding and install retries happen.
 */
final class ToolkitBinder implements ClassFileTransformer, AutoCloseable {
    /** A toolkit we can watch: the class whose loading tells it is in use, and our trigger for it. */
    enum Toolkit {
        JAVAFX("javafx", "javafx.stage.Window", "dev.leakinspector.agent.fx.", "dev.leakinspector.agent.fx.FxTriggers",
                List.of("javafx.scene"), "javafx.", "com.sun.javafx."),
        SWING("swing", "java.awt.Window", "dev.leakinspector.agent.swing.", "dev.leakinspector.agent.swing.SwingTrigger",
                // SwingMomentaryHolders reads focus, paint-manager, selection and image-cache internals.
                List.of("java.awt", "java.awt.peer", "java.awt.datatransfer", "javax.swing", "javax.swing.text",
                        "sun.swing", "sun.awt.image"));

        final String id;
        final String markerClass;
        final String internalMarkerName;
        final String triggerPackage;
        final String triggerClass;
        final String[] toolkitPackages;
        /**
         * Packages whose private fields our trigger reads: of the toolkit's module, or of another
         * module of its layer (Swing's {@code java.awt.datatransfer} is in {@code java.datatransfer}).
         */
        final List<String> internalPackages;

        Toolkit(String id, String markerClass, String triggerPackage, String triggerClass, List<String> internalPackages,
                String... toolkitPackages) {
            this.internalPackages = internalPackages;
            this.id = id;
            this.markerClass = markerClass;
            this.internalMarkerName = markerClass.replace('.', '/');
            this.triggerPackage = triggerPackage;
            this.triggerClass = triggerClass;
            this.toolkitPackages = toolkitPackages;
        }
    }

    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 2000;

    private final Instrumentation instrumentation;
    private final WatchSink sink;
    private final ScheduledExecutorService scheduler;
    private final List<Trigger> triggers = new ArrayList<>();
    private final boolean[] bound = new boolean[Toolkit.values().length];
    private boolean transformerAdded;
    private boolean closed;

    ToolkitBinder(Instrumentation instrumentation, WatchSink sink, ScheduledExecutorService scheduler) {
        this.instrumentation = instrumentation;
        this.sink = sink;
        this.scheduler = scheduler;
    }

    /** The ids of the supported toolkits the target has loaded so far ("javafx"). */
    static List<String> loadedToolkits(Instrumentation instrumentation) {
        List<String> ids = new ArrayList<>();
        loadedMarkers(instrumentation).keySet().forEach(toolkit -> ids.add(toolkit.id));
        return ids;
    }

    /**
     * Binds every toolkit already loaded and starts noticing the others.
     *
     * @param onReady run once the triggers of the toolkits loaded now are installed (on any thread)
     */
    synchronized void start(Runnable onReady) {
        List<Toolkit> missing = new ArrayList<>();
        List<Runnable> binds = new ArrayList<>();
        Map<Toolkit, Class<?>> markers = loadedMarkers(instrumentation);
        for (Toolkit toolkit : Toolkit.values()) {
            Class<?> marker = markers.get(toolkit);
            if (marker == null) {
                missing.add(toolkit);
            } else {
                binds.add(() -> bind(toolkit, marker.getClassLoader(), onReady));
            }
        }
        if (!missing.isEmpty()) {
            instrumentation.addTransformer(this, false);
            transformerAdded = true;
        }
        if (binds.isEmpty()) {
            onReady.run();
        }
        binds.forEach(scheduler::execute);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        // Runs on the target's class-loading threads: look at the name only, never throw.
        try {
            if (className != null && classBeingRedefined == null) {
                for (Toolkit toolkit : Toolkit.values()) {
                    if (className.equals(toolkit.internalMarkerName)) {
                        scheduler.execute(() -> bind(toolkit, loader, () -> { }));
                    }
                }
            }
        } catch (RuntimeException sessionEnding) {
            // The scheduler was shut down a moment before this transformer is removed.
        }
        return null;
    }

    private void bind(Toolkit toolkit, ClassLoader toolkitLoader, Runnable onReady) {
        Trigger trigger;
        synchronized (this) {
            if (closed || bound[toolkit.ordinal()]) {
                return;
            }
            bound[toolkit.ordinal()] = true;
            try {
                ClassLoader loader = new ToolkitClassLoader(ToolkitBinder.class.getClassLoader(), toolkitLoader,
                        toolkit.triggerPackage, toolkit.toolkitPackages);
                openInternals(toolkit, toolkitLoader, loader);
                trigger = (Trigger) loader.loadClass(toolkit.triggerClass)
                        .getConstructor(WatchSink.class).newInstance(sink);
                triggers.add(trigger);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                sink.reportError("binding to " + toolkit.id, e);
                onReady.run();
                return;
            }
        }
        install(trigger, onReady, FIRST_RETRY_MILLIS);
    }

    /**
     * When the toolkit is a named module (module path), opens the packages whose internals our
     * trigger reads (see {@code FxMomentaryHolders}) to the trigger's loader, and to nothing else.
     */
    private void openInternals(Toolkit toolkit, ClassLoader toolkitLoader, ClassLoader triggerLoader)
            throws ClassNotFoundException {
        Module module = Class.forName(toolkit.markerClass, false, toolkitLoader).getModule();
        if (!module.isNamed() || toolkit.internalPackages.isEmpty()) {
            return;
        }
        java.util.Map<Module, java.util.Map<String, java.util.Set<Module>>> opens = new java.util.HashMap<>();
        for (String internal : toolkit.internalPackages) {
            Module owner = module.getPackages().contains(internal) ? module : moduleOf(module, internal);
            if (owner != null) {
                opens.computeIfAbsent(owner, key -> new java.util.HashMap<>())
                        .put(internal, java.util.Set.of(triggerLoader.getUnnamedModule()));
            }
        }
        opens.forEach((owner, packages) -> instrumentation.redefineModule(owner, java.util.Set.of(), java.util.Map.of(),
                packages, java.util.Set.of(), java.util.Map.of()));
    }

    /** The module of {@code near}'s layer that holds {@code packageName}, or null. */
    private static Module moduleOf(Module near, String packageName) {
        ModuleLayer layer = near.getLayer() != null ? near.getLayer() : ModuleLayer.boot();
        return layer.modules().stream().filter(candidate -> candidate.getPackages().contains(packageName))
                .findFirst().orElse(null);
    }

    /** Installs, retrying while the toolkit is loaded but not started yet. */
    private void install(Trigger trigger, Runnable onReady, long retryMillis) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            trigger.install(onReady);
        } catch (IllegalStateException notStartedYet) {
            scheduler.schedule(() -> install(trigger, onReady, Math.min(MAX_RETRY_MILLIS, retryMillis * 2)),
                    retryMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException | LinkageError e) {
            sink.reportError("installing the " + trigger.getClass().getSimpleName(), e);
        }
    }

    /** Removes the transformer and every trigger. Safe from any thread, idempotent. */
    @Override
    public void close() {
        List<Trigger> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(triggers);
            triggers.clear();
        }
        if (transformerAdded) {
            instrumentation.removeTransformer(this);
        }
        for (Trigger trigger : toClose) {
            try {
                trigger.close();
            } catch (RuntimeException | LinkageError e) {
                AgentLog.warn("could not remove " + trigger.getClass().getSimpleName() + ": " + e);
            }
        }
    }

    /** Each toolkit whose marker class is loaded, with that class: one pass over every loaded class (tens of thousands). */
    private static Map<Toolkit, Class<?>> loadedMarkers(Instrumentation instrumentation) {
        Map<Toolkit, Class<?>> markers = new EnumMap<>(Toolkit.class);
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            for (Toolkit toolkit : Toolkit.values()) {
                if (loaded.getName().equals(toolkit.markerClass)) {
                    markers.putIfAbsent(toolkit, loaded);
                }
            }
        }
        return markers;
    }
}
