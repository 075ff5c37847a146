package dev.leakinspector.session;

/**
 * Why a live session ended, with a one-line explanation for the user. Immutable.
 */
public record SessionEnd(Kind kind, String message) {
    /** The ways a session ends. */
    public enum Kind {
        /** We detached (the user asked, or the requested duration ended). */
        DETACHED,
        /** The target program exited. */
        TARGET_EXITED,
        /** The agent ended the session (e.g. another Leak Inspector took over). */
        AGENT_LEFT,
        /** The connection broke while the target was still running. */
        LINK_LOST
    }
}
