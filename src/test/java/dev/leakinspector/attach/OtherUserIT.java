package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes of another user. Needs root (to start processes as {@code nobody} with setpriv); elsewhere it is
 * skipped with that reason.
 */
@Timeout(60)
class OtherUserIT {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final String VERSION = "9.9.9-test";
    private static final List<String> AS_NOBODY =
            List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups");

    @TempDir
    Path dir;

    private SpawnedProcesses processes;
    private Path agentJar;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(SETPRIV),
                "needs root and setpriv to start a process as another user");
        // Both users must be able to open the agent jar: the target JVM opens it by path.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        processes = new SpawnedProcesses(dir);
        agentJar = SpawnedProcesses.testAgentJar(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (processes != null) {
            processes.destroyAll();
        }
    }

    @Test
    void anotherUsersJvmRefusesUsWithAMessageNamingItsOwner() throws Exception {
        Process rootTarget = processes.target(SpawnedProcesses.JAVA_17);

        String output = attachAsNobody(rootTarget.pid());

        assertEquals("ATTACH_REFUSED process " + rootTarget.pid()
                + " belongs to user root; run Leak Inspector as that user", output);
    }

    @Test
    void rootAttachesToAnotherUsersJvm() throws Exception {
        Process target = startAsNobody();

        AttachResult result = new AgentAttacher(VERSION).attach(target.pid(), agentJar, "version=" + VERSION);

        assertTrue(result.javaVersion().startsWith("17."), result.javaVersion());
    }

    /**
     * Finding 6 of issue 11: the copy of the agent jar that root keeps must be one the target's user can open
     * (it was 0600, and loading failed with "could not load").
     */
    @Test
    void rootGivesAnotherUsersJvmACopyOfTheAgentJarItCanOpen() throws Exception {
        Process target = startAsNobody();
        Path stored;
        try (URLClassLoader packaged = embedding(Files.readAllBytes(agentJar))) {
            stored = AgentJar.locate(null, packaged, Files.createDirectories(dir.resolve("tmp")), dir);
        }

        AttachResult result = new AgentAttacher(VERSION).attach(target.pid(), stored, "version=" + VERSION);

        assertTrue(result.javaVersion().startsWith("17."), result.javaVersion());
        assertEquals("1", SpawnedProcesses.systemProperty(target.pid(), TestAgent.CALLS_PROPERTY));
    }

    @Test
    void aTemporaryFolderAnotherUserCannotReachIsNamedBeforeAttaching() throws Exception {
        Process target = startAsNobody();
        Path closed = Files.createDirectory(dir.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = Files.createDirectories(closed.resolve("tmp"));

        AttachFailure failure = assertThrows(AttachFailure.class,
                () -> new AgentAttacher(VERSION, tmp).attach(target.pid(), agentJar, "version=" + VERSION));

        assertEquals(AttachFailure.Reason.IO_ERROR, failure.reason());
        assertEquals("process " + target.pid() + " runs as another user, who cannot open the agent jar copy: "
                + closed + " is closed to other users; run with -Djava.io.tmpdir=/tmp or another folder that every"
                + " user can pass through", failure.getMessage());
        assertEquals(null, SpawnedProcesses.systemProperty(target.pid(), TestAgent.CALLS_PROPERTY), "not loaded");
    }

    /**
     * Finding 1 of issue 11, the attack as found: another user plants a link where the agent jar's folder will be,
     * pointing at a folder of root's (so a check that follows links finds it root's), and once the copy is
     * written swaps the link to a folder of theirs holding their own jar under the same name. The target must
     * still run our agent, not theirs. Both the earlier and the current folder name are planted.
     */
    @Test
    void anotherUsersLinkSwappedAfterTheCopyDoesNotGetTheirAgentLoaded() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17);
        byte[] ours = Files.readAllBytes(agentJar);
        String hash = AgentJarStore.sha256(ours).substring(0, 16);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path rootsFolder = Files.createDirectories(dir.resolve("roots"));
        Path theirFolder = Files.createDirectories(dir.resolve("theirs"));
        for (String name : List.of("leak-inspector-agent.jar", "leak-inspector-agent-" + hash + ".jar")) {
            SpawnedProcesses.agentJar(theirFolder.resolve(name), ForeignAgent.class);
        }
        setOwner(theirFolder, "nobody");
        List<Path> links = List.of(tmp.resolve("leak-inspector-" + hash), tmp.resolve("leak-inspector-0"));
        for (Path link : links) {
            setOwner(Files.createSymbolicLink(link, rootsFolder), "nobody");
        }

        Path stored;
        try (URLClassLoader packaged = embedding(ours)) {
            stored = AgentJar.locate(null, packaged, tmp, dir);
        }
        for (Path link : links) {
            Files.delete(link);
            setOwner(Files.createSymbolicLink(link, theirFolder), "nobody");
        }
        new AgentAttacher(VERSION).attach(target.pid(), stored, "version=" + VERSION);

        assertEquals(null, SpawnedProcesses.systemProperty(target.pid(), ForeignAgent.RAN_PROPERTY), "their agent ran");
        assertEquals("1", SpawnedProcesses.systemProperty(target.pid(), TestAgent.CALLS_PROPERTY));
    }

    /**
     * Anyone may make a hsperfdata_ folder and name a file in it after another user's JVM: such a file must not
     * lend the JVM a name, version or flags. The JVM here runs without perf data of its own; it is listed (it is a
     * JVM), with nothing but its pid.
     */
    @Test
    void aPerfDataFilePlantedByAnotherUserIsIgnored() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17, "-XX:-UsePerfData");
        Path ours = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_root",
                Long.toString(ProcessHandle.current().pid()));
        Path theirFolder = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_nobody");
        if (!Files.isDirectory(theirFolder)) {
            setOwner(Files.createDirectory(theirFolder), "nobody");
        }
        Path planted = Files.write(theirFolder.resolve(Long.toString(target.pid())), Files.readAllBytes(ours));
        try {
            setOwner(planted, "nobody");

            assertTrue(PerfDataFile.forPid(target.pid()).isEmpty(), "their file is not read as the JVM's");
            LocalJvm listed = LocalJvms.find(target.pid()).orElseThrow();
            assertEquals("pid " + target.pid(), listed.displayName());
            assertEquals("", listed.javaVersion());
            assertTrue(listed.attachable());
        } finally {
            Files.deleteIfExists(planted);
        }
    }

    /** What failed a CI run: a killed JVM of root left its socket, and a JVM of nobody got the same pid. */
    @Test
    void rootRemovesItsOwnDeadAttachSocketInTheWayOfAnotherUsersJvm() throws Exception {
        Process target = startAsNobody();
        // Made by root: the target, running as nobody, could not have removed it from the sticky /tmp.
        processes.leaveDeadAttachSocket(target.pid());

        AttachResult result = new AgentAttacher(VERSION).attach(target.pid(), agentJar, "version=" + VERSION);

        assertTrue(result.javaVersion().startsWith("17."), result.javaVersion());
    }

    @Test
    void aDeadAttachSocketThatWeMayNotRemoveIsNamedInTheMessage() throws Exception {
        Process target = startAsNobody();
        processes.leaveDeadAttachSocket(target.pid());

        String output = attachAsNobody(target.pid());

        assertEquals("ATTACH_REFUSED process " + target.pid() + " cannot be attached: /tmp/.java_pid" + target.pid()
                + " is a dead attach socket left by an earlier process with the same pid, and this user may not"
                + " remove it; remove it as its owner or root and try again", output);
    }

    private Process startAsNobody() throws Exception {
        List<String> asNobody = new ArrayList<>(AS_NOBODY);
        asNobody.add(SpawnedProcesses.JAVA_17.toString());
        Process target = processes.target(asNobody);
        assertEquals("nobody", target.info().user().orElseThrow());
        return target;
    }

    /** A class loader whose {@link AgentJar#RESOURCE} is {@code jar}, as in a packaged Leak Inspector. */
    private URLClassLoader embedding(byte[] jar) throws Exception {
        Path classes = dir.resolve("packaged");
        Files.createDirectories(classes.resolve(AgentJar.RESOURCE).getParent());
        Files.write(classes.resolve(AgentJar.RESOURCE), jar);
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    private static void setOwner(Path path, String user) throws Exception {
        UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
    }

    /** Runs {@link AttachProbe} as nobody against {@code pid}: its one line of output. */
    private String attachAsNobody(long pid) throws Exception {
        // Our own class path may be a booter jar in a private directory; name the two directories instead.
        String classPath = SpawnedProcesses.codeSource(AgentAttacher.class) + File.pathSeparator
                + SpawnedProcesses.testClasses();
        List<String> probe = new ArrayList<>(AS_NOBODY);
        probe.addAll(List.of(SpawnedProcesses.JAVA_17.toString(), "-cp", classPath, AttachProbe.class.getName(),
                Long.toString(pid), agentJar.toString(), VERSION));
        Process process = processes.start(new ProcessBuilder(probe).redirectErrorStream(true));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
