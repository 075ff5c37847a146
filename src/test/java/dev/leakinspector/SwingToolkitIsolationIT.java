package dev.leakinspector;

import dev.leakinspector.agent.swing.SwingOnlyTarget;
import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each toolkit only where the program put it: a Swing-only program (no JavaFX on its class path)
 * is watched through the Swing trigger and gets no JavaFX class from us; a JavaFX-only program gets
 * no AWT window class from us. Class loading is read from the targets' {@code -Xlog:class+load}.
 */
class SwingToolkitIsolationIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long GRACE_MILLIS = SessionSettings.DEFAULT_GRACE_MILLIS;

    @Test
    void aSwingOnlyProgramIsWatchedThroughSwingAndGetsNoJavaFx() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing targets need an X display (apt-get install xvfb xauth)");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));

        try (XvfbTarget target = XvfbTarget.start(xvfbRun, Jdks.current(), List.of("-Xlog:class+load=info", "-Xmx128m"),
                List.of("-cp", classPath, SwingOnlyTarget.class.getName()), TIMEOUT)) {
            assertFalse(loaded(target.output(), "javafx."), "JavaFX is not on the target's class path at all");
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            try {
                assertEquals(List.of("swing"), session.hello().toolkits());
                target.output().send("await-agent");
                assertEquals("AGENT watching", target.output().awaitLineStartingWith("AGENT ", TIMEOUT));
                target.output().send("leak-window");
                long closedAt = Long.parseLong(target.output().awaitLineStartingWith("CLOSED ", TIMEOUT).substring(7));
                LeakSuspected leak = events.await(LeakSuspected.class,
                        l -> l.viewStack().equals(List.of("JFrame \"Leaky\"")), Duration.ofSeconds(30));
                assertEquals("javax.swing.JFrame", leak.className());
                assertTrue(leak.descendants() >= 4, "root pane, layered pane, content pane, form: " + leak);
                long latency = leak.reportedAtMillis() - closedAt;
                assertTrue(latency <= GRACE_MILLIS + 3000, "reported " + latency + " ms after the dispose");
                events.awaitAllChecked(leak.reportedAtMillis(), TIMEOUT);
                assertEquals(1, events.leaks().size(), "only the kept frame: " + events.leaks());
            } finally {
                session.detach("test finished");
            }
            assertFalse(loaded(target.output(), "javafx."), "the agent loaded JavaFX classes into a Swing-only program");
        }
    }

    @Test
    void aJavaFxOnlyProgramGetsNoAwtWindowsFromUs() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of("-Xlog:class+load=info"), "--script", "1,1b")) {
            demo.awaitLineStartingWith("DEMO ready", TIMEOUT);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                assertEquals(List.of("javafx"), session.hello().toolkits());
                long doneAt = DemoLines.lastNumber(demo.awaitLineStartingWith("DEMO script done", TIMEOUT));
                events.awaitAllChecked(doneAt, Duration.ofSeconds(30));
                assertEquals(1, events.leaks().size(), "pattern 1 is watched as before: " + events.leaks());
            } finally {
                session.detach("test finished");
            }
            assertFalse(loaded(demo, "java.awt.Window "), "an AWT window class was loaded into a JavaFX-only program");
            assertFalse(loaded(demo, "javax.swing."), "Swing classes were loaded into a JavaFX-only program");
            assertFalse(loaded(demo, "dev.leakinspector.agent.swing."), "the Swing trigger was loaded without AWT windows");
        }
    }

    /** Whether the target's class-load log shows a class whose name starts with {@code prefix}. */
    private static boolean loaded(TargetProcess target, String prefix) {
        return target.stdoutLines().stream().anyMatch(line -> line.contains("[class,load] " + prefix));
    }
}
