package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 2 of issue 11: a program that made itself non-dumpable (as ssh-agent and gpg-agent do) hides its memory
 * map from its own user, so "is libjvm mapped?" cannot be asked. The Attach API's SIGQUIT kills such a program;
 * attaching must refuse instead, perf-data file of a dead JVM with its pid or not.
 *
 * <p>The program is a few lines of C compiled here (skipped without {@code gcc}). Root may read any memory map,
 * so as root the program and the attaching probe both run as {@code nobody} (with setpriv); as another user,
 * both run as that user.
 */
@Timeout(60)
class NonDumpableProcessIT {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final List<String> AS_NOBODY =
            List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups");
    private static final String VERSION = "9.9.9-test";
    /**
     * Non-dumpable, and with SIGQUIT unblocked: a child of a JVM inherits the JVM's blocked SIGQUIT, which would
     * make it immune to the very signal this test is about; a program started from a shell is not.
     */
    private static final String NON_DUMPABLE_C = """
            #include <signal.h>
            #include <stdio.h>
            #include <sys/prctl.h>
            #include <unistd.h>
            int main(void) {
                sigset_t quit;
                sigemptyset(&quit);
                sigaddset(&quit, SIGQUIT);
                if (sigprocmask(SIG_UNBLOCK, &quit, NULL) != 0) { perror("sigprocmask"); return 1; }
                if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) { perror("prctl"); return 1; }
                puts("ready");
                fflush(stdout);
                for (;;) pause();
            }
            """;

    @TempDir
    Path dir;

    private SpawnedProcesses processes;
    private List<String> asUser;
    private String user;
    private Path agentJar;
    private Path leftOver;

    @BeforeEach
    void setUp() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(!root || Files.isExecutable(SETPRIV), "as root, needs setpriv to run the program as nobody");
        asUser = root ? AS_NOBODY : List.of();
        user = root ? "nobody" : System.getProperty("user.name");
        // nobody runs the program and the probe from here.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        processes = new SpawnedProcesses(dir);
        agentJar = SpawnedProcesses.testAgentJar(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (leftOver != null) {
            Files.deleteIfExists(leftOver);
        }
        if (processes != null) {
            processes.destroyAll();
        }
    }

    @Test
    void aNonDumpableProgramWithALeftOverPerfDataFileIsRefusedAndLeftRunning() throws Exception {
        Process program = startNonDumpable();
        leftOver = leavePerfDataFile(program.pid());

        String output = attachAsUser(program.pid());

        assertFalse(program.waitFor(200, TimeUnit.MILLISECONDS), "the program must not be killed by an attach signal");
        assertEquals(refusal(program.pid()), output);
    }

    @Test
    void aNonDumpableProgramWithoutJvmFilesIsRefusedAndLeftRunning() throws Exception {
        Process program = startNonDumpable();

        String output = attachAsUser(program.pid());

        assertFalse(program.waitFor(200, TimeUnit.MILLISECONDS), "the program must not be killed by an attach signal");
        assertEquals(refusal(program.pid()), output);
    }

    /** Nor listed: it would only be refused. */
    @Test
    void aNonDumpableProgramWithALeftOverPerfDataFileIsNotListed() throws Exception {
        Process program = startNonDumpable();
        leftOver = leavePerfDataFile(program.pid());

        assertEquals("not listed", probe("--listed", Long.toString(program.pid())));
    }

    /**
     * The rule itself, on real processes: with its memory map hidden, a process counts as a JVM only with both a
     * JVM's file owned by its user and a {@code java} command; a name alone, or a file alone, is not enough.
     */
    @Test
    void withTheMemoryMapHiddenItTakesAJvmFileAndAJavaCommand() throws Exception {
        Process namedJava = startNonDumpable("java");
        Process keeper = startNonDumpable("keeper");
        assertEquals("UNCONFIRMED", probe("--evidence", Long.toString(namedJava.pid())), "a name alone");

        leftOver = leavePerfDataFile(keeper.pid());
        assertEquals("UNCONFIRMED", probe("--evidence", Long.toString(keeper.pid())), "a file alone");
        Files.delete(leftOver);

        leftOver = leavePerfDataFile(namedJava.pid());
        assertEquals("JVM_FILES_AND_JAVA_COMMAND", probe("--evidence", Long.toString(namedJava.pid())));
    }

    private static String refusal(long pid) {
        return "NOT_A_JVM process " + pid + " (keeper) is not known to be a Java virtual machine: it hides its"
                + " memory map and shows no other sign of one; not attaching, since the attach signal (SIGQUIT)"
                + " would end any other program";
    }

    private Process startNonDumpable() throws Exception {
        return startNonDumpable("keeper");
    }

    /** Compiles and starts the non-dumpable program, named {@code name}, as the test's user; returns once it is non-dumpable. */
    private Process startNonDumpable(String name) throws Exception {
        Path source = Files.writeString(dir.resolve("keeper.c"), NON_DUMPABLE_C);
        Path binary = Files.createDirectories(dir.resolve(name + "-bin")).resolve(name);
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-o", binary.toString(), source.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "needs gcc to build a non-dumpable program: " + e.getMessage());
            throw e;
        }
        String compilerOutput = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), compilerOutput);

        List<String> command = new ArrayList<>(asUser);
        command.add(binary.toString());
        Process program = processes.start(new ProcessBuilder(command).redirectErrorStream(true));
        String line = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("ready", line, "the program did not start");
        if (asUser.isEmpty()) {
            assertThrows(IOException.class, () -> Files.readString(Path.of("/proc", Long.toString(program.pid()), "maps")),
                    "its memory map is hidden from its own user");
        }
        return program;
    }

    /**
     * Writes what a JVM killed with SIGKILL leaves behind: its perf-data file, under the pid the program now has,
     * owned by the program's user. The bytes are a real JVM's (ours), so it reads as one.
     */
    private Path leavePerfDataFile(long pid) throws Exception {
        Path ourPerfData = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(ProcessHandle.current().pid()));
        assumeTrue(Files.isReadable(ourPerfData), "this JVM has no perf-data file to copy: " + ourPerfData);
        Path perfDir = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + user);
        UserPrincipal owner = perfDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        if (!Files.isDirectory(perfDir)) {
            Files.createDirectory(perfDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            setOwner(perfDir, owner);
        }
        Path file = Files.write(perfDir.resolve(Long.toString(pid)), Files.readAllBytes(ourPerfData));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        setOwner(file, owner);
        return file;
    }

    private static void setOwner(Path path, UserPrincipal owner) throws Exception {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
    }

    /** Attaches as the program's user. */
    private String attachAsUser(long pid) throws Exception {
        return probe(Long.toString(pid), agentJar.toString(), VERSION);
    }

    /** Runs {@link AttachProbe} with {@code args} as the program's user: its one line of output. */
    private String probe(String... args) throws Exception {
        String classPath = SpawnedProcesses.codeSource(AgentAttacher.class) + File.pathSeparator
                + SpawnedProcesses.testClasses();
        List<String> probe = new ArrayList<>(asUser);
        probe.addAll(List.of(SpawnedProcesses.JAVA_17.toString(), "-cp", classPath, AttachProbe.class.getName()));
        probe.addAll(List.of(args));
        Process process = processes.start(new ProcessBuilder(probe).redirectErrorStream(true));
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
