package dev.leakinspector.app;

import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionModel;

import javafx.scene.control.ToggleButton;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows a live session's new reports (by verdict), escalations and retractions as desktop notifications, one
 * of each kind per batch, unless the user muted them; owns the Mute toggle, whose state the app remembers
 * for the next window. One per session window, dropped with it. FX thread only.
 */
final class LeakNotifier {
    private final ToggleButton muteToggle;
    private final RecordedSession session;

    LeakNotifier(ToggleButton muteToggle, AppContext context, RecordedSession session) {
        this.muteToggle = muteToggle;
        this.session = session;
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
        LeakNotices.forReports(changes.newLeaks(), changes.escalations(), name).forEach(LeakNotifier::show);
        LeakNotices.forRetractions(changes.retractions(), name).forEach(LeakNotifier::show);
    }

    private static void show(LeakNotices notice) {
        // No owner: ControlsFX shows it over the focused window and lets go of that window when the notice
        // fades, so a closed session window is held at most for those 6 s.
        Notifications notification = Notifications.create().title(notice.title()).text(notice.text())
                .hideAfter(Duration.seconds(6));
        if (notice.warning()) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }
}
