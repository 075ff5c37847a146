package dev.leakinspector.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A real JVM started by a test: the program under observation. Collects its standard output line
 * by line so tests can wait for what it prints (no sleeping), keeps its standard error for failure
 * messages, and is killed on {@link #close()}. Thread-safe.
 */
public final class TargetProcess implements AutoCloseable {
    /** System properties that run JavaFX without a display (Monocle, software rendering). */
    public static final List<String> HEADLESS_FX = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true", "-Dtestfx.headless=true");

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    /** Guarded by {@code stdout}: when each line of {@link #stdout} was read, epoch milliseconds. */
    private final List<Long> receivedAt = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final PrintWriter stdin;
    /** Guarded by {@code stdout}: the target closed its standard output (it exited). */
    private boolean stdoutClosed;

    private TargetProcess(Process process) {
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    /** Starts {@code mainClass} on the test's own class path with the given JVM. */
    public static TargetProcess start(Path java, List<String> jvmArgs, String mainClass, String... args) throws IOException {
        return start(java, jvmArgs, List.of("-cp", System.getProperty("java.class.path"), mainClass), args);
    }

    /** Starts {@code java jvmArgs launch args}, where launch is e.g. {@code -cp x Main} or {@code -jar x.jar}. */
    public static TargetProcess start(Path java, List<String> jvmArgs, List<String> launch, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.addAll(launch);
        command.addAll(List.of(args));
        return new TargetProcess(new ProcessBuilder(command).start());
    }

    /** Starts the bundled demo program headless, on the test's class path. */
    public static TargetProcess startDemo(Path java, List<String> extraJvmArgs, String... demoArgs) throws IOException {
        List<String> jvmArgs = new ArrayList<>(HEADLESS_FX);
        jvmArgs.add("-Xmx256m");
        jvmArgs.addAll(extraJvmArgs);
        return start(java, jvmArgs, "dev.leakinspector.demo.DemoMain", demoArgs);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Writes a line to the target's standard input. */
    public void send(String line) {
        stdin.println(line);
    }

    /**
     * Waits for a line of standard output that matches, including lines printed before the call.
     *
     * @throws AssertionError with everything the target printed, when no line matches in time
     */
    public String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stdout) {
            int checked = 0;
            while (true) {
                for (; checked < stdout.size(); checked++) {
                    if (matches.test(stdout.get(checked))) {
                        return stdout.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || stdoutClosed) {
                    throw new AssertionError("target " + pid() + " printed no matching line within " + timeout
                            + (stdoutClosed ? " (it closed its output: exited?)" : "") + "\n" + describe());
                }
                stdout.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for a line starting with {@code prefix}. */
    public String awaitLineStartingWith(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(line -> line.startsWith(prefix), timeout);
    }

    /** When the first occurrence of this exact line was read from the target (epoch ms). */
    public long receivedAtMillis(String line) {
        synchronized (stdout) {
            int index = stdout.indexOf(line);
            if (index < 0) {
                throw new IllegalArgumentException("the target never printed: " + line);
            }
            return receivedAt.get(index);
        }
    }

    public List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public String describe() {
        return "--- stdout ---\n" + String.join("\n", stdoutLines()) + "\n--- stderr ---\n" + stderr;
    }

    /**
     * Ends the target politely, so that it removes its attach socket ({@code /tmp/.java_pidN}) on the way out, and
     * forcibly if it has not ended within 5 s.
     */
    @Override
    public void close() throws InterruptedException {
        endPolitely(process.toHandle());
    }

    /**
     * Ends {@code process} with SIGTERM, and with SIGKILL if it is still there 5 s later; waits for its end. Then
     * removes the attach socket a killed JVM leaves behind (a test may have killed it on purpose), which would
     * otherwise stand in the way of the next process with its pid.
     */
    public static void endPolitely(ProcessHandle process) throws InterruptedException {
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            process.onExit().join();
        }
        try {
            Files.deleteIfExists(Path.of("/tmp/.java_pid" + process.pid()));
        } catch (IOException e) {
            // Another user's leftover: not ours to remove.
        }
    }

    private void pump(BufferedReader reader, boolean isStdout) {
        Thread pump = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (isStdout) {
                        synchronized (stdout) {
                            stdout.add(line);
                            receivedAt.add(System.currentTimeMillis());
                            stdout.notifyAll();
                        }
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // The process was killed; what was read is kept.
            } finally {
                if (isStdout) {
                    synchronized (stdout) {
                        stdoutClosed = true;
                        stdout.notifyAll();
                    }
                }
            }
        }, "target-" + process.pid() + (isStdout ? "-stdout" : "-stderr"));
        pump.setDaemon(true);
        pump.start();
    }
}
