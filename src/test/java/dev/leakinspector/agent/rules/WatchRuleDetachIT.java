package dev.leakinspector.agent.rules;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import com.sun.tools.attach.VirtualMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule's class, in a real target JVM with the real agent jar, before, during and after a session:
 * after detach it must behave as before (same result, nothing watched) and look as before (the class
 * file the JVM would define now equals the one before the attach).
 *
 * <p>How the bytes are read: {@link BytecodeProbe}, a second test-only agent loaded into the target
 * anew for each reading, retransforms the class with a do-nothing transformer that, being the newest
 * JVMTI environment, sees the class file after every other agent's transformers, ours included.
 * That alone would only show our transformer is gone; that the class now defined is the restored
 * one is shown by behaviour: a counting sink is connected to the bridge in the target, and advice
 * still in the class would count.
 */
class WatchRuleDetachIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String RULE = RuleFixture.class.getName() + "#close:this";
    private static final String JDK_RULE = "java.util.ArrayList#clear:this";
    private static final String NO_SUCH_METHOD_RULE = RuleFixture.class.getName() + "#create:this";

    private Path probeJar;

    private TargetProcess startTarget(Path directory) throws Exception {
        probeJar = AgentFreeClassPath.probeAgentJar(directory);
        TargetProcess target = TargetProcess.start(Jdks.current(), List.of("-Xmx128m"),
                List.of("-cp", AgentFreeClassPath.testClassesOnly(), RuleTarget.class.getName()));
        target.awaitLineStartingWith("READY", TIMEOUT);
        return target;
    }

    @Test
    void afterDetachTheRuleClassBehavesAndLooksAsBefore(@TempDir Path directory) throws Exception {
        try (TargetProcess target = startTarget(directory)) {
            String original = currentBytes(target);
            assertTrue(original.endsWith(" bridge=false"), original);
            String result = ask(target, "call", "RESULT ");
            assertEquals("RESULT closed t", result);

            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(),
                    SessionSettings.defaults().withWatchRules(List.of(RULE)), events);
            try {
                // The first stats come after the rules are installed.
                events.await(Stats.class, stats -> true, TIMEOUT);
                String advised = currentBytes(target);
                assertTrue(advised.endsWith(" bridge=true"), "the loaded class got the advice: " + advised + "; " + events.messages());
                assertNotEquals(hash(original), hash(advised));
                assertEquals(result, ask(target, "call", "RESULT "), "same result with the advice");

                long keptAt = System.currentTimeMillis();
                ask(target, "keep", "KEPT");
                LeakSuspected leak = events.await(LeakSuspected.class, l -> l.trigger().equals("rule " + RULE),
                        Duration.ofMillis(SessionSettings.DEFAULT_GRACE_MILLIS + 3000));
                assertEquals(RuleFixture.class.getName(), leak.className());
                assertEquals(List.of("RuleFixture"), leak.viewStack());
                assertTrue(leak.reportedAtMillis() - keptAt <= SessionSettings.DEFAULT_GRACE_MILLIS + 3000, leak.toString());

                // From here the advice hands objects to a counter in the target instead of the agent.
                ask(target, "record", "RECORDING");
                ask(target, "call", "RESULT ");
                assertEquals("RECORDED 1", ask(target, "recorded", "RECORDED "), "the counter sees advice while attached");
            } finally {
                session.detach("test finished");
            }
            assertEquals(SessionEnd.Kind.DETACHED, events.awaitEnd(TIMEOUT).kind());
            assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());

            assertEquals(original, currentBytes(target), "the class file is as before the attach");
            assertEquals(result, ask(target, "call", "RESULT "), "same result after detach");
            assertEquals("RECORDED 1", ask(target, "recorded", "RECORDED "), "no advice left in the class: nothing more counted");
        }
    }

    @Test
    void rulesChangedAtRunTimeAreInstalledAndRemovedAndBadOnesReported(@TempDir Path directory) throws Exception {
        try (TargetProcess target = startTarget(directory)) {
            String original = currentBytes(target);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            try {
                events.await(Stats.class, stats -> true, TIMEOUT);
                assertEquals(original, currentBytes(target), "no rule, no change");

                // A malformed rule is reported once the update is done, which is also our cue that it is.
                session.send(new Configure(SessionSettings.DEFAULT_GRACE_MILLIS, List.of(),
                        List.of(RULE, "first#bad:self", JDK_RULE, NO_SUCH_METHOD_RULE)));
                AgentError first = events.await(AgentError.class, e -> e.message().contains("first#bad:self"), TIMEOUT);
                assertEquals("rules", first.context());
                assertTrue(first.message().contains("unknown target 'self'"), first.message());
                assertTrue(currentBytes(target).endsWith(" bridge=true"), "the good rule was installed");
                // A JDK class cannot call the bridge: it is left alone, and the user told why.
                AgentError jdk = events.await(AgentError.class, e -> e.context().contains(JDK_RULE), TIMEOUT);
                assertTrue(jdk.message().contains("java.util.ArrayList is not watched: it is a JDK class of the bootstrap class loader"),
                        jdk.message());
                AgentError noMethod = events.await(AgentError.class, e -> e.context().contains(NO_SUCH_METHOD_RULE), TIMEOUT);
                assertTrue(noMethod.message().contains("no method of " + RuleFixture.class.getName()
                        + " fits: it declares no create(...) with code and an instance (static methods have no this)"),
                        noMethod.message());

                session.send(new Configure(SessionSettings.DEFAULT_GRACE_MILLIS, List.of(), List.of("second#bad:self")));
                events.await(AgentError.class, e -> e.message().contains("second#bad:self"), TIMEOUT);
                assertEquals(original, currentBytes(target), "the dropped rule was removed at once");
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * A rule whose class inherits its method changes the superclass that declares it and a subclass
     * that overrides it; after detach both are as before.
     */
    @Test
    void afterDetachTheSuperclassAndSubclassARuleReachedLookAsBefore(@TempDir Path directory) throws Exception {
        try (TargetProcess target = startTarget(directory)) {
            List<String> classes = List.of(RuleResource.class.getName(), PooledRuleSession.class.getName());
            List<String> original = new java.util.ArrayList<>();
            for (String className : classes) {
                original.add(currentBytes(target, className));
                assertTrue(original.get(original.size() - 1).endsWith(" bridge=false"), original.toString());
            }
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(),
                    SessionSettings.defaults().withWatchRules(List.of(RuleSession.RULE)), events);
            try {
                events.await(Stats.class, stats -> true, TIMEOUT);
                for (String className : classes) {
                    assertTrue(currentBytes(target, className).endsWith(" bridge=true"), className + " got the advice");
                }
                assertEquals("RELEASED pooled pooled, released PooledRuleSession", ask(target, "release pooled", "RELEASED "));
            } finally {
                session.detach("test finished");
            }
            assertEquals(SessionEnd.Kind.DETACHED, events.awaitEnd(TIMEOUT).kind());
            assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());
            for (int i = 0; i < classes.size(); i++) {
                assertEquals(original.get(i), currentBytes(target, classes.get(i)), classes.get(i) + " is as before the attach");
            }
        }
    }

    /** Loads the probe agent into the target and returns the {@code BYTES} line it prints about {@link RuleFixture}. */
    private String currentBytes(TargetProcess target) throws Exception {
        return currentBytes(target, RuleFixture.class.getName());
    }

    /** The {@code BYTES} line the probe agent prints about {@code className}, loaded by the target's system class loader. */
    private String currentBytes(TargetProcess target, String className) throws Exception {
        long before = target.stdoutLines().stream().filter(line -> line.startsWith("BYTES ")).count();
        VirtualMachine vm = VirtualMachine.attach(Long.toString(target.pid()));
        try {
            vm.loadAgent(probeJar.toString(), className);
        } finally {
            vm.detach();
        }
        AtomicLong seen = new AtomicLong();
        return target.awaitLine(line -> line.startsWith("BYTES ") && seen.incrementAndGet() > before, TIMEOUT);
    }

    /** Sends {@code command} and returns the first line starting with {@code prefix} that came after it. */
    private static String ask(TargetProcess target, String command, String prefix) throws InterruptedException {
        long before = target.stdoutLines().stream().filter(line -> line.startsWith(prefix)).count();
        target.send(command);
        AtomicLong seen = new AtomicLong();
        return target.awaitLine(line -> line.startsWith(prefix) && seen.incrementAndGet() > before, TIMEOUT);
    }

    private static String hash(String bytesLine) {
        return bytesLine.split(" ")[1];
    }
}
