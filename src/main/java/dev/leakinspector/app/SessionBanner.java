package dev.leakinspector.app;

import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.SessionEnd;

import javafx.scene.control.Label;

import java.nio.file.Path;

/**
 * The banner over the leak list: hidden while the session is live, otherwise how it ended (or that it is a
 * saved one) and where its rows are kept. Owns the banner label; one per session window, dropped with it.
 * FX thread only.
 */
final class SessionBanner {
    private final Label banner;
    private final Path sessionFile;
    private final String skippedSummary;

    /**
     * @param sessionFile the file the session is recorded in, named by the banner
     * @param skippedSummary what could not be read of a saved session file ("" for none), e.g.
     *     "2 lines skipped: line 17: …"
     */
    SessionBanner(Label banner, Path sessionFile, String skippedSummary) {
        this.banner = banner;
        this.sessionFile = sessionFile;
        this.skippedSummary = skippedSummary;
    }

    void show(ConnectionState state, SessionEnd end) {
        String bannerText = text(state, end, sessionFile, skippedSummary);
        banner.setText(bannerText);
        banner.setVisible(bannerText != null);
        banner.setManaged(bannerText != null);
        banner.getStyleClass().removeAll("banner-ended", "banner-saved");
        banner.getStyleClass().add(state == ConnectionState.SAVED ? "banner-saved" : "banner-ended");
    }

    /** The banner's text, or null when the session is live. */
    static String text(ConnectionState state, SessionEnd end, Path sessionFile, String skippedSummary) {
        String kept = " Everything received is kept below and saved in " + sessionFile.getFileName() + ".";
        if (state == ConnectionState.SAVED) {
            return "Saved session (read-only) from " + sessionFile
                    + (end != null ? ". It ended: " + end.message() + "." : ".")
                    + (skippedSummary.isEmpty() ? "" : " The rest of the file is shown; " + skippedSummary + ".");
        }
        if (end == null) {
            return null;
        }
        return switch (end.kind()) {
            case TARGET_EXITED -> "The program exited (" + end.message() + ")." + kept;
            case LINK_LOST -> "The link to the program dropped: " + end.message() + "." + kept
                    + " Attach again from the start window to continue.";
            case AGENT_LEFT -> end.message() + "." + kept;
            case DETACHED -> "Detached: " + end.message() + "." + kept;
        };
    }
}
