package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Attaches to real spawned processes: JDK 17 and 25 targets, a non-Java process, refusing JVMs. */
@Timeout(60)
class AgentAttacherIT {

    private static final String OURS = "9.9.9-test";

    @TempDir
    Path dir;

    private SpawnedProcesses processes;
    private Path agentJar;
    private final AgentAttacher attacher = new AgentAttacher(OURS);

    @BeforeEach
    void setUp() throws Exception {
        processes = new SpawnedProcesses(dir);
        agentJar = SpawnedProcesses.testAgentJar(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        processes.destroyAll();
    }

    @Test
    void processThatExitedDoesNotExist() throws Exception {
        Process gone = processes.start(new ProcessBuilder("true"));
        assertEquals(0, gone.waitFor());

        AttachFailure failure = attachFails(gone.pid());

        assertEquals(AttachFailure.Reason.NO_SUCH_PROCESS, failure.reason());
        assertEquals("process " + gone.pid() + " does not exist", failure.getMessage());
    }

    @Test
    void sleepIsNotAJvmAndIsLeftAlone() throws Exception {
        Process sleep = processes.startWithSigquitUnblocked("sleep", "60");
        long started = System.nanoTime();

        AttachFailure failure = attachFails(sleep.pid());

        assertEquals(AttachFailure.Reason.NOT_A_JVM, failure.reason());
        assertEquals("process " + sleep.pid() + " (sleep) is not a Java virtual machine", failure.getMessage());
        // The Attach API would have signalled it and waited 10.5 s for an answer; we know better up front.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "answered without attaching");
        assertFalse(sleep.waitFor(200, TimeUnit.MILLISECONDS), "sleep must not be killed by an attach signal");
    }

    /**
     * A killed JVM leaves its perf-data file behind; when its pid goes to another program, that file must not make
     * the program a JVM: neither listed nor signalled (the Attach API's SIGQUIT would kill it).
     */
    @Test
    void aLeftOverPerfDataFileDoesNotMakeAnotherProgramAJvm() throws Exception {
        Process jvm = processes.target(SpawnedProcesses.JAVA_17);
        Path perfDir = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"));
        byte[] perfData = Files.readAllBytes(perfDir.resolve(Long.toString(jvm.pid())));
        Process sleep = processes.startWithSigquitUnblocked("sleep", "60");
        Path leftOver = Files.write(perfDir.resolve(Long.toString(sleep.pid())), perfData);
        try {
            assertTrue(PerfDataFile.forPid(sleep.pid()).string("sun.rt.javaCommand").isPresent(), "the file reads as a JVM's");

            assertTrue(LocalJvms.find(sleep.pid()).isEmpty(), "not listed");
            AttachFailure failure = attachFails(sleep.pid());

            assertEquals(AttachFailure.Reason.NOT_A_JVM, failure.reason());
            assertFalse(sleep.waitFor(200, TimeUnit.MILLISECONDS), "sleep must not be killed by an attach signal");
        } finally {
            Files.deleteIfExists(leftOver);
        }
    }

    @Test
    void disabledAttachMechanismIsRefusedOnJava17() throws Exception {
        assertRefusesAttach(SpawnedProcesses.JAVA_17);
    }

    @Test
    void disabledAttachMechanismIsRefusedOnJava25() throws Exception {
        assertRefusesAttach(java25());
    }

    @Test
    void loadsIntoJava17AndReportsTheSecondLoadAsAlreadyLoaded() throws Exception {
        assertLoadsTwice(SpawnedProcesses.JAVA_17, "17");
    }

    @Test
    void loadsIntoJava25AndReportsTheSecondLoadAsAlreadyLoaded() throws Exception {
        assertLoadsTwice(java25(), "25");
    }

    @Test
    void attachesWithoutPerfData() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17, "-XX:-UsePerfData");

        // Not listed (discovery needs perf data), yet still a JVM we can attach to.
        assertTrue(LocalJvms.find(target.pid()).isEmpty());
        AttachResult result = attacher.attach(target.pid(), agentJar, "version=" + OURS);
        assertFalse(result.agentAlreadyLoaded());
    }

    @Test
    void aDeadAttachSocketLeftByAnEarlierProcessWithTheSamePidIsRemoved() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17);
        Path deadSocket = processes.leaveDeadAttachSocket(target.pid());

        // Without removing it the Attach API connects to the dead socket: "Connection refused".
        AttachResult result = attacher.attach(target.pid(), agentJar, "version=" + OURS);

        assertFalse(result.agentAlreadyLoaded());
        assertEquals("1", targetProperty(target.pid(), TestAgent.CALLS_PROPERTY));
        assertTrue(Files.exists(deadSocket), "the target made its own live socket at the same path");
    }

    @Test
    void anotherAgentVersionRequiresARestart() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17);
        new AgentAttacher("0.0.1-old").attach(target.pid(), agentJar, "version=0.0.1-old");

        AttachFailure failure = attachFails(target.pid());

        assertEquals(AttachFailure.Reason.AGENT_VERSION_MISMATCH, failure.reason());
        assertEquals("process " + target.pid() + " already runs Leak Inspector agent 0.0.1-old, not " + OURS
                + "; restart that program to use this version", failure.getMessage());
        assertEquals("1", targetProperty(target.pid(), TestAgent.CALLS_PROPERTY), "the old agent was not re-run");
    }

    @Test
    void agentThatThrowsIsReported() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17);

        AttachFailure failure = assertThrows(AttachFailure.class,
                () -> attacher.attach(target.pid(), agentJar, "version=" + OURS + ",fail"));

        assertEquals(AttachFailure.Reason.AGENT_FAILED, failure.reason());
        assertEquals("the agent failed to start in process " + target.pid()
                + ": agentmain threw an exception (see that program's error output)", failure.getMessage());
    }

    @Test
    void jarWithoutAgentClassIsReported() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17);
        Path notAnAgent = Files.write(dir.resolve("empty.jar"), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        AttachFailure failure = assertThrows(AttachFailure.class,
                () -> attacher.attach(target.pid(), notAnAgent, ""));

        assertEquals(AttachFailure.Reason.AGENT_FAILED, failure.reason());
        assertEquals("the agent failed to start in process " + target.pid() + ": it could not load empty.jar"
                + " (Agent JAR not found or no Agent-Class attribute)", failure.getMessage());
    }

    @Test
    void disabledDynamicAgentLoadingIsRefusedOnJava25() throws Exception {
        Process target = processes.target(java25(), "-XX:-EnableDynamicAgentLoading");

        AttachFailure failure = attachFails(target.pid());

        assertEquals(AttachFailure.Reason.ATTACH_REFUSED, failure.reason());
        assertEquals("process " + target.pid() + " refuses agents: it was started with"
                + " -XX:-EnableDynamicAgentLoading; restart it without that flag", failure.getMessage());
    }

    private void assertRefusesAttach(Path java) throws Exception {
        Process target = processes.target(java, "-XX:+DisableAttachMechanism");

        AttachFailure failure = attachFails(target.pid());

        assertEquals(AttachFailure.Reason.ATTACH_REFUSED, failure.reason());
        assertEquals("process " + target.pid() + " refuses attach: it was started with -XX:+DisableAttachMechanism;"
                + " restart it without that flag", failure.getMessage());
    }

    private void assertLoadsTwice(Path java, String feature) throws Exception {
        Process target = processes.target(java);

        AttachResult first = attacher.attach(target.pid(), agentJar, "version=" + OURS);
        AttachResult second = attacher.attach(target.pid(), agentJar, "version=" + OURS);

        assertEquals(target.pid(), first.pid());
        assertTrue(first.javaVersion().startsWith(feature + "."), first.javaVersion());
        assertFalse(first.vmName().isBlank());
        assertFalse(first.agentAlreadyLoaded());
        assertTrue(second.agentAlreadyLoaded());
        assertEquals("2", targetProperty(target.pid(), TestAgent.CALLS_PROPERTY),
                "loading again re-runs agentmain of the loaded agent, which is how it reconnects");
    }

    private AttachFailure attachFails(long pid) {
        return assertThrows(AttachFailure.class, () -> attacher.attach(pid, agentJar, "version=" + OURS));
    }

    private static String targetProperty(long pid, String name) throws Exception {
        return SpawnedProcesses.systemProperty(pid, name);
    }

    private static Path java25() {
        assumeTrue(Files.isExecutable(SpawnedProcesses.JAVA_25),
                "no Temurin 25 at " + SpawnedProcesses.JAVA_25 + ": the Java 25 target cannot be tested here");
        return SpawnedProcesses.JAVA_25;
    }
}
