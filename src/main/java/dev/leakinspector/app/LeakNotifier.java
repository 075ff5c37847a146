package dev.leakinspector.app;

import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionModel;

import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

/**
 * Shows a live session's new reports (by verdict), escalations and retractions as desktop notifications, one
 * of each kind per batch, unless the user muted them; owns the Mute toggle, whose state the app remembers
 * for the next window. The notices are the window's ({@link NoticePopups}: on its screen, a leak's until
 * closed). One per session window, dropped with it. FX thread only.
 */
final class LeakNotifier {
    private final ToggleButton muteToggle;
    private final RecordedSession session;
    private final NoticePopups popups;

    LeakNotifier(ToggleButton muteToggle, AppContext context, RecordedSession session, Stage owner) {
        this.muteToggle = muteToggle;
        this.session = session;
        this.popups = new NoticePopups(owner);
        muteToggle.setSelected(context.notificationsMuted() || !session.isLive());
        muteToggle.setDisable(!session.isLive());
        muteToggle.selectedProperty().addListener((obs, old, muted) -> context.setNotificationsMuted(muted));
    }

    /** Notifies of what {@code changes} reported, unless muted or the session is not live. */
    void notifyOf(SessionModel.ModelChanges changes) {
        if (muteToggle.isSelected() || !session.isLive()) {
            return;
        }
        String name = session.model().target().displayName();
        LeakNotices.forReports(changes.newLeaks(), changes.escalations(), name).forEach(popups::show);
        LeakNotices.forRetractions(changes.retractions(), name).forEach(popups::show);
    }

    /** The window's notices (tests look at them). */
    NoticePopups popups() {
        return popups;
    }
}
