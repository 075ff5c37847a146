package dev.leakinspector.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program started by Leak Inspector with its agent from the first moment ({@code -javaagent}, the agent's
 * {@code premain}): nothing is attached later, so there is no JEP 451 warning and
 * {@code -XX:+DisableAttachMechanism} does not matter. Owns the process it starts until {@link #stop}.
 *
 * <p>The agent's options carry the link's token, which must not be readable by other local users, and a
 * process's command line is ({@code ps}, {@code /proc/<pid>/cmdline}). So {@code -javaagent:<jar>=<options>} is
 * written to an argument file only this user can read, in a fresh private folder, and the command line holds just
 * {@code @<that file>} right after the launcher (the {@code java} launcher expands it before the JVM starts, JDK 9
 * and newer). {@link #forgetAgentOptions} deletes the file once the agent connected or the program ended.
 *
 * <p>Threading: any thread; {@link #stop} blocks for up to its grace period.
 */
public final class LaunchedProgram {
    private final Process process;
    private final Path argFolder;

    private LaunchedProgram(Process process, Path argFolder) {
        this.process = process;
        this.argFolder = argFolder;
    }

    /**
     * Starts {@code command} with {@code -javaagent:<agentJar>=<agentOptions>} before every option of its own. Its
     * standard input and error are ours; its standard output goes to {@code output} (a pipe to pass it on line by
     * line, or ours).
     *
     * @throws IOException with a one-line reason when the argument file cannot be written or the launcher not run
     */
    static LaunchedProgram start(ProgramCommand command, Path agentJar, String agentOptions,
                                 ProcessBuilder.Redirect output) throws IOException {
        Path folder = privateFolder();
        try {
            Path argFile = folder.resolve("javaagent.args");
            writePrivately(argFile, quoted("-javaagent:" + agentJar + "=" + agentOptions) + "\n");
            ProcessBuilder builder = new ProcessBuilder(command.withFirstOption("@" + argFile))
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(output);
            // Its message names the launcher and the reason: Cannot run program "/x/java": error=2, No such file…
            return new LaunchedProgram(builder.start(), folder);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Deletes the argument file with the agent's options; the launcher has read it by then. Idempotent. */
    void forgetAgentOptions() {
        deleteQuietly(argFolder);
    }

    /**
     * Ends the program if it still runs: asks it to stop (SIGTERM: its shutdown hooks run), and kills it if it is
     * still there after {@code grace}; waits for its end. The argument file goes too.
     */
    public void stop(Duration grace) {
        forgetAgentOptions();
        stop(process, grace);
    }

    /** {@link #stop(Duration)} for any process. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** An argument-file word: in double quotes, so that spaces in the temporary folder's path keep it one word. */
    static String quoted(String word) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Path privateFolder() throws IOException {
        try {
            // Created with mode 0700 in one step under a random name: no one else can look in or plant a link.
            return Files.createTempDirectory("leak-inspector-launch-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the temporary folder is the user's own.
            return Files.createTempDirectory("leak-inspector-launch-");
        }
    }

    private static void writePrivately(Path file, String text) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream out;
        try {
            out = Channels.newOutputStream(Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
        } catch (UnsupportedOperationException notPosix) {
            out = Channels.newOutputStream(Files.newByteChannel(file, options));
        }
        try (OutputStream closing = out) {
            closing.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Files.deleteIfExists(folder.resolve("javaagent.args"));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // Left in a private folder of ours; the operating system's temporary-file cleanup takes it.
        }
    }
}
