package dev.leakinspector.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads our agent into a running JVM by pid through the Attach API, turning every way that can fail into an
 * {@link AttachFailure} with a one-line message. Stateless and thread-safe, but it blocks (up to the Attach
 * API's own ~10 s timeout): call it off the JavaFX application thread.
 */
public final class AgentAttacher {

    /** Target system property our agent sets to its version when it starts. */
    public static final String AGENT_VERSION_PROPERTY = "leakinspector.agent.version";
    /** The oldest Java feature release the agent runs on. */
    public static final int MINIMUM_JAVA = 17;

    private final String ourVersion;
    private final Path tmpDir;

    public AgentAttacher() {
        this(Versions.ours());
    }

    /** For tests: pretend to be another version of Leak Inspector. */
    AgentAttacher(String ourVersion) {
        this(ourVersion, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** For tests: keep the agent jar copies in another temporary directory. */
    AgentAttacher(String ourVersion, Path tmpDir) {
        this.ourVersion = ourVersion;
        this.tmpDir = tmpDir;
    }

    /**
     * Attaches to {@code pid}, checks that it runs Java 17+ and has no other version of our agent, and loads
     * the bytes of {@code agentJar} with {@code agentOptions}. The target opens a copy of those bytes kept where no
     * other user can change it ({@link AgentJarStore}), checked against their hash right before it is loaded. If
     * the same agent version is already loaded, loading again re-invokes its {@code agentmain}, which makes it
     * reconnect; the result says so.
     *
     * <p>Nothing is signalled unless the process is known to be a JVM ({@link JvmEvidence}): the Attach API's
     * SIGQUIT would end another program.
     *
     * @throws AttachFailure with a reason and a one-line message for the user
     */
    public AttachResult attach(long pid, Path agentJar, String agentOptions) throws AttachFailure {
        ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> noSuchProcess(pid, null));
        String name = processName(process);
        if (!Files.isRegularFile(agentJar)) {
            throw new AttachFailure(AttachFailure.Reason.IO_ERROR, pid,
                    "agent jar " + agentJar + " does not exist; build with ./mvnw package");
        }
        if (pid == ProcessHandle.current().pid() && !Boolean.getBoolean("jdk.attach.allowAttachSelf")) {
            throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid,
                    "process " + pid + " is Leak Inspector itself; pick another process");
        }
        JvmEvidence evidence = JvmEvidence.of(pid);
        if (evidence == JvmEvidence.NOT_A_JVM) {
            // Checked before attaching: the Attach API would signal SIGQUIT to the process, and wait 10 s.
            throw notAJvm(pid, name, null);
        }
        Optional<String> owner = process.info().user();
        if (owner.isPresent() && !owner.get().equals(System.getProperty("user.name")) && !weAreRoot()) {
            throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid,
                    "process " + pid + " belongs to user " + owner.get() + "; run Leak Inspector as that user");
        }
        if (!evidence.isJvm()) {
            throw new AttachFailure(AttachFailure.Reason.NOT_A_JVM, pid, "process " + pid + " (" + name
                    + ") is not known to be a Java virtual machine: it hides its memory map and shows no other sign"
                    + " of one; not attaching, since the attach signal (SIGQUIT) would end any other program");
        }
        PerfDataFile perf = PerfDataFile.forPid(pid);
        // HotSpot's own test before attaching: the first capability flag is "supports attach".
        if (perf.string("sun.rt.jvmCapabilities").filter(flags -> flags.startsWith("0")).isPresent()) {
            throw attachDisabled(pid, null);
        }
        int ourUid = ourUid(pid);
        AgentJarStore store = new AgentJarStore(tmpDir, ourUid);
        AgentJarStore.Copy copy = storeCopy(pid, store, agentJar, ourUid);
        StaleAttachSocket.removeIfDead(pid);

        VirtualMachine vm = open(pid);
        try {
            Properties properties = systemProperties(vm, pid);
            String javaVersion = properties.getProperty("java.version", "");
            String vmName = properties.getProperty("java.vm.name", "");
            int feature = featureVersion(properties.getProperty("java.specification.version", ""));
            if (feature > 0 && feature < MINIMUM_JAVA) {
                throw new AttachFailure(AttachFailure.Reason.JAVA_TOO_OLD, pid, "process " + pid + " runs Java "
                        + feature + "; Leak Inspector needs Java " + MINIMUM_JAVA + " or newer");
            }
            String loadedVersion = properties.getProperty(AGENT_VERSION_PROPERTY);
            if (loadedVersion != null && !loadedVersion.equals(ourVersion)) {
                throw new AttachFailure(AttachFailure.Reason.AGENT_VERSION_MISMATCH, pid, "process " + pid
                        + " already runs Leak Inspector agent " + loadedVersion + ", not " + ourVersion
                        + "; restart that program to use this version");
            }
            try {
                // The last moment before the target opens the file by its path.
                store.verify(copy);
            } catch (IOException e) {
                throw new AttachFailure(AttachFailure.Reason.IO_ERROR, pid, e.getMessage(), e);
            }
            load(vm, pid, copy.path(), agentJar.getFileName().toString(), agentOptions);
            return new AttachResult(pid, javaVersion, vmName, loadedVersion != null);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // The target may have gone away; there is no handle left to release.
            }
        }
    }

    private static int ourUid(long pid) throws AttachFailure {
        try {
            return TrustedPaths.currentUid();
        } catch (IOException e) {
            throw ioError(pid, "could not tell which user we run as", e);
        }
    }

    /**
     * Copies the agent jar's bytes into the store; when the target runs as another user (we are root), checks
     * that this user can open the copy, which is what the target does with it.
     */
    private static AgentJarStore.Copy storeCopy(long pid, AgentJarStore store, Path agentJar, int ourUid)
            throws AttachFailure {
        AgentJarStore.Copy copy;
        try {
            copy = store.put(AgentJarStore.readWithoutFollowingLinks(agentJar.toRealPath()));
        } catch (IOException e) {
            throw new AttachFailure(AttachFailure.Reason.IO_ERROR, pid, "cannot prepare the agent jar for process "
                    + pid + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        Optional<Integer> targetUid = ProcessIds.read(pid).map(ProcessIds::effectiveUid);
        try {
            if (targetUid.isPresent() && targetUid.get() != ourUid) {
                TrustedPaths.checkOpenableByEveryone(copy.path());
            }
        } catch (IOException e) {
            throw new AttachFailure(AttachFailure.Reason.IO_ERROR, pid, "process " + pid + " runs as another user,"
                    + " who cannot open the agent jar copy: " + e.getMessage()
                    + "; run with -Djava.io.tmpdir=/tmp or another folder that every user can pass through", e);
        }
        return copy;
    }

    private VirtualMachine open(long pid) throws AttachFailure {
        try {
            return VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            String message = String.valueOf(e.getMessage());
            // JDK 17 and 25: "The VM does not support the attach mechanism" for -XX:+DisableAttachMechanism.
            if (message.contains("does not support the attach mechanism")) {
                throw attachDisabled(pid, e);
            }
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw noSuchProcess(pid, e);
            }
            // "Unable to open socket file ...: target process doesn't respond ... or HotSpot VM not loaded".
            // Without perf data we could not see -XX:+DisableAttachMechanism beforehand; it ends up here too.
            throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid, "process " + pid
                    + " did not answer the attach request: it may be hung, still starting, or started with"
                    + " -XX:+DisableAttachMechanism; try again or restart it without that flag", e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("No such process")
                    || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw noSuchProcess(pid, e);
            }
            if (message.contains("current VM")) {
                throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid,
                        "process " + pid + " is Leak Inspector itself; pick another process", e);
            }
            // Observed on JDK 17 as a non-root user against root's JVM: "Operation not permitted" (the signal
            // is refused), or "well-known file /tmp/.java_pidN is not secure" once its socket exists.
            if (message.contains("ermission denied") || message.contains("ot permitted")
                    || message.contains("is not secure")) {
                throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid, "process " + pid
                        + " does not let this user attach; run Leak Inspector as the user who started it", e);
            }
            throw ioError(pid, "could not connect", e);
        }
    }

    private static Properties systemProperties(VirtualMachine vm, long pid) throws AttachFailure {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw ioError(pid, "could not read its system properties", e);
        }
    }

    /** Loads {@code agentJar}; messages name it {@code shownName}, the file the user or the build gave us. */
    private static void load(VirtualMachine vm, long pid, Path agentJar, String shownName, String options)
            throws AttachFailure {
        try {
            vm.loadAgent(agentJar.toString(), options);
        } catch (AgentLoadException e) {
            String message = String.valueOf(e.getMessage());
            // JDK 21+ with -XX:-EnableDynamicAgentLoading: "Dynamic agent loading is not enabled. Use ...".
            if (message.contains("Dynamic agent loading is not enabled")) {
                throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid, "process " + pid
                        + " refuses agents: it was started with -XX:-EnableDynamicAgentLoading;"
                        + " restart it without that flag", e);
            }
            // "Agent JAR not found or no Agent-Class attribute": the target opens the jar by path itself,
            // so a jar we can see may still be out of its reach (another mount namespace, a container).
            throw new AttachFailure(AttachFailure.Reason.AGENT_FAILED, pid, "the agent failed to start in process "
                    + pid + ": it could not load " + shownName + " (" + message + ")", e);
        } catch (AgentInitializationException e) {
            // The exception itself was printed to the target's stderr; only its return code reaches us.
            throw new AttachFailure(AttachFailure.Reason.AGENT_FAILED, pid, "the agent failed to start in process "
                    + pid + ": agentmain threw an exception (see that program's error output)", e);
        } catch (IOException e) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new AttachFailure(AttachFailure.Reason.AGENT_FAILED, pid,
                        "the agent failed to start in process " + pid + ": the process exited while loading it", e);
            }
            throw ioError(pid, "could not load the agent", e);
        }
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17; -1 if unreadable. */
    static int featureVersion(String specificationVersion) {
        String spec = specificationVersion == null ? "" : specificationVersion.strip();
        if (spec.startsWith("1.")) {
            spec = spec.substring(2);
        }
        int dot = spec.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? spec : spec.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static AttachFailure noSuchProcess(long pid, Throwable cause) {
        return new AttachFailure(AttachFailure.Reason.NO_SUCH_PROCESS, pid, "process " + pid + " does not exist", cause);
    }

    private static AttachFailure notAJvm(long pid, String name, Throwable cause) {
        return new AttachFailure(AttachFailure.Reason.NOT_A_JVM, pid,
                "process " + pid + " (" + name + ") is not a Java virtual machine", cause);
    }

    private static AttachFailure attachDisabled(long pid, Throwable cause) {
        return new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid, "process " + pid
                + " refuses attach: it was started with -XX:+DisableAttachMechanism; restart it without that flag",
                cause);
    }

    private static AttachFailure ioError(long pid, String what, IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new AttachFailure(AttachFailure.Reason.IO_ERROR, pid,
                "process " + pid + ": " + what + " (" + detail + "); try again", e);
    }

    /** The executable's file name, or the kernel's name for it, or "pid N"; only to make messages recognisable. */
    static String processName(ProcessHandle process) {
        // The executable's path is hidden for a non-dumpable process; its kernel name never is.
        return process.info().command()
                .map(command -> command.substring(command.lastIndexOf('/') + 1))
                .filter(name -> !name.isBlank())
                .or(() -> JvmEvidence.kernelName(process.pid()))
                .orElse("pid " + process.pid());
    }

    private static boolean weAreRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
