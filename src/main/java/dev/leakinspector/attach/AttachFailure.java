package dev.leakinspector.attach;

/**
 * Why attaching the agent to a process failed, with a one-line message for the user that says what happened
 * and what to do. Immutable; any thread.
 */
public final class AttachFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure a user can tell apart and act on. */
    public enum Reason {
        /** The process does not exist (any more). */
        NO_SUCH_PROCESS,
        /**
         * The process exists but is not a Java virtual machine, or nothing we may read proves it is one (it hides
         * its memory map): attaching would signal it, and the signal ends any other program.
         */
        NOT_A_JVM,
        /** The JVM exists but will not let us in (flag, other user, our own process, no answer). */
        ATTACH_REFUSED,
        /** The JVM is older than Java 17. */
        JAVA_TOO_OLD,
        /** Another version of our agent is already loaded there; only a restart can replace it. */
        AGENT_VERSION_MISMATCH,
        /** The JVM could not load or start the agent. */
        AGENT_FAILED,
        /** Talking to the JVM or reading the agent jar failed. */
        IO_ERROR
    }

    private final Reason reason;
    private final long pid;

    public AttachFailure(Reason reason, long pid, String message) {
        this(reason, pid, message, null);
    }

    public AttachFailure(Reason reason, long pid, String message, Throwable cause) {
        // The message goes into one line of a UI or a terminal: never let a JDK message break it.
        super(message == null ? reason.toString() : message.replaceAll("\\s*\\R\\s*", " ").strip(), cause);
        this.reason = reason;
        this.pid = pid;
    }

    public Reason reason() {
        return reason;
    }

    public long pid() {
        return pid;
    }
}
