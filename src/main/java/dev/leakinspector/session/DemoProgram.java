package dev.leakinspector.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bundled demo program, started in its own JVM from our own class path for "Try the demo". It runs
 * headless when we do (our JavaFX platform properties are passed on), and is stopped when we stop.
 *
 * <p>Threading: {@link #start} blocks until the demo says it is ready (call it off the UI thread);
 * the rest is thread-safe.
 */
public final class DemoProgram {
    public static final String NAME = "Leak Inspector demo";
    /** Our JavaFX platform settings that the demo must share (a headless test run stays headless). */
    private static final List<String> INHERITED_PROPERTIES = List.of("glass.platform", "monocle.platform",
            "prism.order", "prism.text", "java.awt.headless", "testfx.headless");
    private static final long READY_TIMEOUT_SECONDS = 60;

    private final Process process;

    private DemoProgram(Process process) {
        this.process = process;
    }

    /**
     * Starts the demo and waits until it prints {@code DEMO ready}.
     *
     * @param demoArgs e.g. {@code --script 1,3}; empty for the interactive demo
     * @throws IOException when it cannot start or does not get ready (no display, for instance)
     */
    public static DemoProgram start(List<String> demoArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : INHERITED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.leakinspector.Main");
        command.add("demo");
        command.addAll(demoArgs);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        DemoProgram demo = new DemoProgram(process);
        if (!demo.awaitReady()) {
            process.destroy();
            throw new IOException("the demo program did not start; it needs a desktop session (a display)");
        }
        return demo;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public void stop() {
        process.destroy();
    }

    /** Reads the demo's output until it is ready, and keeps draining it so the demo never blocks on it. */
    private boolean awaitReady() {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("DEMO ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ended) {
                // The demo was stopped; nothing more to read.
            }
            ready.complete(false);
        }, "leak-inspector-demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
