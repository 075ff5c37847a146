package dev.leakinspector.agent.swing;

import dev.leakinspector.testing.TargetProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A target JVM started under {@code xvfb-run -a}, so Swing gets a real (virtual) X display while
 * JavaFX, if the target uses it, stays on Monocle. The launched process is xvfb-run's shell, so the
 * target's own PID comes from what it prints; {@link #close()} ends the JVM first, which lets
 * xvfb-run stop its Xvfb server, then the wrapper. Thread-safe.
 */
public final class XvfbTarget implements AutoCloseable {
    /** JavaFX on Monocle, like {@link TargetProcess#HEADLESS_FX}, but with AWT allowed its display. */
    public static final List<String> HEADLESS_FX_WITH_AWT_DISPLAY = TargetProcess.HEADLESS_FX.stream()
            .filter(arg -> !arg.startsWith("-Djava.awt.headless")).toList();
    private static final Pattern PID = Pattern.compile("pid=(\\d+)|READY (\\d+)");

    private final TargetProcess wrapper;
    private final long pid;

    private XvfbTarget(TargetProcess wrapper, long pid) {
        this.wrapper = wrapper;
        this.pid = pid;
    }

    /** The {@code xvfb-run} on the PATH, if there is one. */
    public static Optional<Path> xvfbRun() {
        String path = System.getenv().getOrDefault("PATH", "");
        try (Stream<String> dirs = Stream.of(path.split(java.io.File.pathSeparator))) {
            return dirs.filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "xvfb-run"))
                    .filter(Files::isExecutable).findFirst();
        }
    }

    /**
     * Starts {@code java jvmArgs launch args} under xvfb-run and waits for the line with its PID
     * ({@code DEMO ready pid=N} or {@code READY N}).
     */
    public static XvfbTarget start(Path xvfbRun, Path java, List<String> jvmArgs, List<String> launch,
                                   Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> wrapped = new ArrayList<>(List.of("-a", "-s", "-screen 0 1280x1024x24", java.toString()));
        wrapped.addAll(jvmArgs);
        TargetProcess wrapper = TargetProcess.start(xvfbRun, wrapped, launch, args);
        try {
            String ready = wrapper.awaitLine(line -> PID.matcher(line).find(), timeout);
            Matcher matcher = PID.matcher(ready);
            matcher.find();
            return new XvfbTarget(wrapper, Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
        } catch (AssertionError | RuntimeException e) {
            wrapper.close();
            throw e;
        }
    }

    /** The target JVM's PID (not xvfb-run's). */
    public long pid() {
        return pid;
    }

    /** The wrapper's output, which is the target's standard output. */
    public TargetProcess output() {
        return wrapper;
    }

    @Override
    public void close() throws InterruptedException {
        Optional<ProcessHandle> target = ProcessHandle.of(pid);
        if (target.isPresent()) {
            TargetProcess.endPolitely(target.get());
        }
        wrapper.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        wrapper.close();
    }
}
