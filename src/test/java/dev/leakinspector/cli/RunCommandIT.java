package dev.leakinspector.cli;

import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code run}, as a user runs it ({@code java -jar target/leak-inspector.jar run … -- <java command line>}), starting
 * {@link ClosedSessionsTarget} with the agent: on JDK 17, on JDK 25 and with {@code -XX:+DisableAttachMechanism}. The
 * target is driven through the tool's standard input, which the program shares; its answers come back through the
 * tool's standard output, between our JSON lines.
 */
class RunCommandIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LEAK = "{\"type\":\"leak\"";
    private static final String JEP_451_WARNING = "WARNING: A Java agent has been loaded dynamically";

    private static Path appJar() {
        Path jar = Path.of(System.getProperty("leakinspector.appJar", "target/leak-inspector.jar"));
        assumeTrue(Files.isRegularFile(jar), "the app jar is built by ./mvnw package: " + jar);
        return jar;
    }

    /** {@code run <options> -- <programCommand>} in its own JVM. */
    private static TargetProcess run(List<String> options, List<String> programCommand) throws Exception {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(options);
        args.add("--");
        args.addAll(programCommand);
        return TargetProcess.start(Jdks.current(), List.of(), List.of("-jar", appJar().toString()),
                args.toArray(String[]::new));
    }

    /** The target's launcher arguments: JVM options, then our test class path and its main class. */
    private static List<String> target(String... jvmOptions) {
        List<String> words = new ArrayList<>(List.of(jvmOptions));
        words.addAll(List.of("-Xmx128m", "-cp", System.getProperty("java.class.path"), ClosedSessionsTarget.class.getName()));
        return words;
    }

    private static List<String> withJava(Path java, List<String> words) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(words);
        return command;
    }

    /**
     * Makes the program leak one closed session, awaits the leak event, lets the program exit, and checks what every
     * run shares: its output passed through in whole lines, the end line with its exit code, no JEP 451 warning.
     *
     * @return the tool's exit code
     */
    private static int leakOneThenExit(TargetProcess cli, int expectedFeature) throws Exception {
        String ready = cli.awaitLineStartingWith("READY ", TIMEOUT);
        String programPid = ready.substring("READY ".length());
        String hello = cli.awaitLineStartingWith("{\"type\":\"hello\"", TIMEOUT);
        assertAgentOptionsHidden(Long.parseLong(programPid));
        assertTrue(hello.startsWith("{\"type\":\"hello\",\"pid\":" + programPid + ","), hello);
        assertTrue(hello.contains("\"javaVersion\":\"" + expectedFeature), hello);
        assertTrue(hello.contains("\"mainClass\":\"" + ClosedSessionsTarget.class.getName()), hello);

        cli.send("close 1");
        cli.awaitLineStartingWith("CLOSED 1 watching", TIMEOUT);
        String leak = cli.awaitLineStartingWith(LEAK, TIMEOUT);
        assertTrue(leak.contains("\"className\":\"" + ClosedSessionsTarget.class.getName() + "$Session\""), leak);
        assertTrue(leak.contains("\"verdict\":\"leak\""), leak);
        cli.send("exit");

        assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends when the program exits:\n" + cli.describe());
        List<String> lines = cli.stdoutLines();
        assertEquals("{\"type\":\"end\",\"reason\":\"target-exited\",\"message\":\"process " + programPid
                + " exited with code 0\"}", lines.get(lines.size() - 1), cli.describe());
        for (String line : lines) {
            // A line is either ours (JSON, whole) or the program's, never a mix of both.
            boolean ours = line.startsWith("{\"type\":\"") && line.endsWith("}");
            boolean program = line.startsWith("READY ") || line.startsWith("CLOSED ");
            assertTrue(ours != program, "one whole line of one writer: " + line + "\n" + cli.describe());
        }
        assertEquals(1, lines.stream().filter(line -> line.startsWith(LEAK)).count(), cli.describe());
        assertFalse(cli.describe().contains(JEP_451_WARNING), cli.describe());
        assertFalse(cli.describe().contains("Exception"), "no stack trace:\n" + cli.describe());
        assertFalse(ProcessHandle.of(Long.parseLong(programPid)).map(ProcessHandle::isAlive).orElse(false));
        return cli.process().exitValue();
    }

    /**
     * The link's token is in the agent's options, which other local users must not read: the program's command line
     * ({@code ps}) has only an argument file, and that is gone once the agent connected.
     */
    private static void assertAgentOptionsHidden(long programPid) throws Exception {
        String commandLine = Files.readString(Path.of("/proc/" + programPid + "/cmdline")).replace('\0', ' ');
        assertFalse(commandLine.contains("token"), commandLine);
        assertFalse(commandLine.contains("-javaagent"), commandLine);
        String argFile = commandLine.replaceAll("^\\S+ @(\\S+) .*$", "$1");
        assertTrue(argFile.contains("leak-inspector-launch-"), "the agent comes first, in an argument file: " + commandLine);
        assertFalse(Files.exists(Path.of(argFile)), "deleted once the agent connected: " + argFile);
    }

    @Test
    void aJdk17ProgramStartedWithItsJavaReportsItsLeakAndItsExitEndsTheSessionWith0() throws Exception {
        Path java17 = Jdks.find(17).orElseThrow(() -> new AssertionError("the build runs on JDK 17"));
        try (TargetProcess cli = run(List.of("--json", "--rule", ClosedSessionsTarget.RULE), withJava(java17, target()))) {
            assertEquals(0, leakOneThenExit(cli, 17), cli.describe());
        }
    }

    @Test
    void aJdk25ProgramGetsTheAgentWithoutTheDynamicLoadingWarningAndFailOnLeakExits4() throws Exception {
        Optional<Path> java25 = Jdks.find(25);
        assumeTrue(java25.isPresent(), "no JDK 25 installed in /usr/lib/jvm (e.g. temurin-25-jdk-amd64)");
        try (TargetProcess cli = run(List.of("--json", "--fail-on", "leak", "--rule", ClosedSessionsTarget.RULE),
                withJava(java25.get(), target()))) {
            assertEquals(AttachCommand.EXIT_FAIL_ON, leakOneThenExit(cli, 25), cli.describe());
            // The program's own warnings (JDK 25 about sun.misc.Unsafe) come before ours.
            assertTrue(cli.describe().endsWith("\nleak-inspector: 1 standing report(s) with the verdict leak"
                    + " (--fail-on leak)\n"), cli.describe());
        }
    }

    @Test
    void aProgramThatRefusesAttachStillGetsTheAgentWithTheLauncherOfThisJvm() throws Exception {
        // No launcher given: the words are the launcher's arguments, run with the tool's own java.
        try (TargetProcess cli = run(List.of("--json", "--rule", ClosedSessionsTarget.RULE),
                target("-XX:+DisableAttachMechanism"))) {
            assertEquals(0, leakOneThenExit(cli, Runtime.version().feature()), cli.describe());
        }
    }

    @Test
    void sigtermEndsTheSessionAndStopsTheProgram() throws Exception {
        // The newest JDK at hand: on 21+ the text output must not explain a JEP 451 warning that never came.
        Path java = Jdks.find(25).orElse(Jdks.current());
        try (TargetProcess cli = run(List.of("--rule", ClosedSessionsTarget.RULE), withJava(java, target()))) {
            String ready = cli.awaitLineStartingWith("READY ", TIMEOUT);
            long programPid = Long.parseLong(ready.substring("READY ".length()));
            cli.awaitLineStartingWith("Toolkits: ", TIMEOUT);
            assertTrue(cli.stdoutLines().contains(cli.awaitLineStartingWith("Started " + programPid + " "
                    + ClosedSessionsTarget.class.getName() + " (Java ", TIMEOUT)), cli.describe());
            assertTrue(cli.stdoutLines().stream().noneMatch(line -> line.contains("JEP 451")), cli.describe());

            cli.process().toHandle().destroy(); // SIGTERM

            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends soon after SIGTERM:\n" + cli.describe());
            assertEquals(AttachCommand.EXIT_SIGTERM, cli.process().exitValue(), cli.describe());
            List<String> lines = cli.stdoutLines();
            assertEquals("Session ended: Leak Inspector was interrupted by a signal; detached from process " + programPid
                    + "; stopped process " + programPid + ".", lines.get(lines.size() - 1), cli.describe());
            assertFalse(ProcessHandle.of(programPid).map(ProcessHandle::isAlive).orElse(false), "the program was stopped");
        }
    }

    @Test
    void whenTheDurationEndsFirstTheProgramIsStopped() throws Exception {
        try (TargetProcess cli = run(List.of("--json", "--duration", "2"), target())) {
            String ready = cli.awaitLineStartingWith("READY ", TIMEOUT);
            long programPid = Long.parseLong(ready.substring("READY ".length()));

            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends after its duration:\n" + cli.describe());
            assertEquals(0, cli.process().exitValue(), cli.describe());
            List<String> lines = cli.stdoutLines();
            assertEquals("{\"type\":\"end\",\"reason\":\"duration\",\"message\":\"the duration of 2 s ended; detached from"
                    + " process " + programPid + "; stopped process " + programPid + "\"}", lines.get(lines.size() - 1));
            assertFalse(ProcessHandle.of(programPid).map(ProcessHandle::isAlive).orElse(false), "the program was stopped");
        }
    }

    @Test
    void aProgramThatEndsBeforeItsAgentConnectsIsAStartFailure() throws Exception {
        // A JVM that refuses its options ends before any agent runs.
        try (TargetProcess cli = run(List.of("--json"), List.of("-XX:+NoSuchOption", "-cp", "x", "Main"))) {
            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, cli.process().exitValue(), cli.describe());
            assertTrue(cli.describe().contains("Unrecognized VM option 'NoSuchOption'"),
                    "the program's own error passes through:\n" + cli.describe());
            assertTrue(cli.describe().matches("(?s).*\nleak-inspector: cannot run \\S+/bin/java -XX:\\+NoSuchOption -cp x Main:"
                    + " process \\d+ exited with code 1 before its agent connected \\(see its output\\)\n"), cli.describe());
        }
    }

    @Test
    void withoutAJavaCommandLineItIsAUsageError() throws Exception {
        try (TargetProcess cli = run(List.of("--json"), List.of())) {
            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, cli.process().exitValue(), cli.describe());
            assertTrue(cli.describe().contains("leak-inspector run: which program?"), cli.describe());
        }
    }
}
