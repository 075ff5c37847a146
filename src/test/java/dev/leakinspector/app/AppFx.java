package dev.leakinspector.app;

import dev.leakinspector.testing.FxThread;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Headless JavaFX for the app's tests: starts the toolkit once, runs code on the FX thread, waits for
 * conditions that the FX thread evaluates, and keeps one long-lived window to take the focus back when a
 * test window closes. Thread-safe. A test class starts and stops it with {@link Toolkit}.
 */
final class AppFx {
    /** The title other test classes of this JVM already skip when they list open windows. */
    static final String ANCHOR_TITLE = "focus anchor";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PULSE_TIMEOUT = Duration.ofSeconds(10);

    private static Stage anchor;

    private AppFx() {
    }

    static synchronized void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        // Tests close every window they open; the toolkit must outlive that.
        Platform.setImplicitExit(false);
        if (anchor == null) {
            anchor = call(() -> {
                Stage stage = new Stage();
                stage.setTitle(ANCHOR_TITLE);
                stage.setScene(new Scene(new Label(ANCHOR_TITLE), 100, 40));
                stage.show();
                return stage;
            });
        }
    }

    /** Closes the anchor, so the next test class in this JVM finds no window of ours open. */
    static synchronized void stop() throws Exception {
        if (anchor != null) {
            Stage closing = anchor;
            anchor = null;
            run(closing::close);
        }
    }

    /**
     * Gives the focus to a window that stays open. Monocle keeps the last focused window as focused even
     * after it closed, until another one takes the focus, which would keep a closed window reachable.
     */
    static void refocusAnchor() throws Exception {
        run(() -> anchor.requestFocus());
    }

    static <T> T call(Callable<T> action) throws Exception {
        return FxThread.call(CALL_TIMEOUT, action);
    }

    static void run(Runnable action) throws Exception {
        FxThread.run(CALL_TIMEOUT, action);
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        FxThread.await(what, timeout, CALL_TIMEOUT, condition);
    }

    /** Waits for the next pulse (a closed scene may sit in the toolkit's dirty list until then). */
    static void awaitPulse() throws Exception {
        FxThread.awaitPulse(PULSE_TIMEOUT);
    }

    /**
     * Starts the toolkit and the anchor before a test class's tests and closes the anchor after them:
     * {@code @RegisterExtension static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();}.
     */
    static final class Toolkit implements BeforeAllCallback, AfterAllCallback {
        private static final String AGENT_JAR_PROPERTY = "leakinspector.agentJar";
        private final boolean needsAgentJar;

        private Toolkit(boolean needsAgentJar) {
            this.needsAgentJar = needsAgentJar;
        }

        static Toolkit forUnitTests() {
            return new Toolkit(false);
        }

        /** For a test class that attaches the built agent: skipped where there is none. */
        static Toolkit forIntegrationTests() {
            return new Toolkit(true);
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            // A -Dtest pattern naming this package makes surefire pick up *IT classes too, before the agent jar
            // is packaged; failsafe passes the packaged jar, and that is where these tests run.
            Assumptions.assumeTrue(!needsAgentJar || System.getProperty(AGENT_JAR_PROPERTY) != null,
                    "an integration test: it runs under failsafe, after packaging, with the built agent jar");
            start();
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            if (!needsAgentJar || System.getProperty(AGENT_JAR_PROPERTY) != null) {
                stop();
            }
        }
    }
}
