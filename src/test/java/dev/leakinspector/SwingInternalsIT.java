package dev.leakinspector;

import dev.leakinspector.agent.swing.SwingInternalsTarget;
import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swing's own reuse is not reported: combo popups, popup menus (light- and heavyweight), a tooltip
 * popup, a table's cell editor, renderers, tab switches and a JOptionPane dialog, in a frame that
 * is then disposed with nothing keeping it, give no report at all, while the agent did watch them.
 *
 * <p>The target runs Metal's default "Ocean" theme, whose gradient image cache keeps painted
 * components softly, and hands the focus back to no other window: the agent's Swing momentary
 * holders (focus manager, paint manager, gradient cache) must keep those from being reported.
 */
class SwingInternalsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void swingsOwnPopupsEditorsRenderersAndDialogsAreNotReported() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing targets need an X display (apt-get install xvfb xauth)");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));

        try (XvfbTarget target = XvfbTarget.start(xvfbRun, Jdks.current(), List.of("-Xmx128m"),
                List.of("-cp", classPath, SwingInternalsTarget.class.getName()), TIMEOUT)) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            try {
                target.output().send("await-agent");
                assertEquals("AGENT watching", target.output().awaitLineStartingWith("AGENT ", TIMEOUT));
                target.output().send("exercise");
                long disposedAt = Long.parseLong(target.output().awaitLineStartingWith("EXERCISED ", TIMEOUT).substring(10));
                events.awaitAllChecked(disposedAt, Duration.ofSeconds(30));
                assertEquals(List.of(), events.leaks(), "Swing internals reported as leaks");
                // Watches spend the 2 s grace period pending, so a once-a-second stats message sees them.
                assertTrue(events.messages().stream().anyMatch(m -> m instanceof Stats s && s.pendingWatches() > 0),
                        "the agent watched the disposed frame and dialog: " + events.messages());
            } finally {
                session.detach("test finished");
            }
        }
    }
}
