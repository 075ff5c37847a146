package dev.leakinspector.session;

/** Where a session's link stands, for the status bar. Immutable. */
public enum ConnectionState {
    /** The agent is being loaded; no hello yet. */
    ATTACHING("Attaching"),
    /** The agent is connected and reporting. */
    CONNECTED("Connected"),
    /** The session ended (see its {@link SessionEnd}); everything received is kept. */
    ENDED("Ended"),
    /** A saved session opened from a file: read-only, nothing more will arrive. */
    SAVED("Saved session");

    private final String label;

    ConnectionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
