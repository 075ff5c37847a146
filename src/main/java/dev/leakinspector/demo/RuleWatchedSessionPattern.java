package dev.leakinspector.demo;

import javafx.scene.control.Button;
import javafx.scene.control.Label;

/**
 * Pattern 11: a session that no toolkit event announces the end of. The window opens a
 * {@link RuleWatchedSession} and closes it when the window closes; the session stays in a static
 * history (LEAK, found only with the rule {@value RuleWatchedSession#RULE}, and the report's
 * trigger names that rule). The window itself keeps nothing alive: the session does not know it.
 * Use on the JavaFX thread.
 */
final class RuleWatchedSessionPattern extends DemoPattern {
    RuleWatchedSessionPattern() {
        super("11", "Rule-watched session", ExpectedOutcome.LEAK,
                "This window opens a session to a server and closes it when the window closes. Closed sessions "
                        + "stay in a static history list. Attach with --rule " + RuleWatchedSession.RULE
                        + " to have the closed session watched.");
    }

    @Override
    protected void populate(PatternWindow window) {
        // Only the session goes into the close behaviour: the window must stay collectable, so the
        // one leak this pattern shows is the session's.
        RuleWatchedSession session = new RuleWatchedSession("files.example.org");
        Label status = new Label("Session open");
        Button send = new Button("Send a request");
        send.setOnAction(e -> status.setText(session.request("list /reports")));
        window.form().getChildren().addAll(status, send);
        window.setCloseBehaviour(session::close);
    }
}
