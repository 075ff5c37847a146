package dev.leakinspector;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code -XX:+DisableExplicitGC} the agent cannot force a GC: reports must say so, not vanish. */
class ExplicitGcDisabledIT {
    @Test
    void reportsAreMarkedNotConfirmedByAGc() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of("-XX:+DisableExplicitGC"), "--script", "1")) {
            demo.awaitLineStartingWith("DEMO ready", Duration.ofSeconds(60));
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                assertTrue(session.hello().explicitGcDisabled(), "the hello tells the user up front");
                LeakSuspected leak = events.await(LeakSuspected.class,
                        l -> l.viewStack().get(0).startsWith("Stage \"1 "), Duration.ofSeconds(30));
                assertFalse(leak.gcConfirmed(), "no GC could run: " + leak);
                assertEquals("-XX:+DisableExplicitGC", leak.gcSkippedBecause(), "the report says why");
            } finally {
                session.detach("test finished");
            }
        }
    }
}
