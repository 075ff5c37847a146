package dev.leakinspector.app;

import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;

/**
 * A session window's desktop notices, stacked in the bottom-right corner of the screen the window is on,
 * always inside that screen's usable area (never under the task bar, never past an edge, on any screen of
 * several).
 *
 * <p>How long a notice stays follows what IDEs and profilers do with their balloons: a leak is something
 * to act on, so its notice stays until the user closes it (×) or clicks it (which brings the session window
 * forward); every other notice (retained, reused, deallocated) is information and hides after
 * {@link #INFO_DELAY} — but never while the pointer is on it, so it does not vanish while being read. At most
 * {@link #MAX_SHOWN} notices are on screen; a new one closes the oldest. They belong to the window: closing
 * it closes them. One per session window, dropped with it. FX thread only.
 */
final class NoticePopups {
    static final Duration INFO_DELAY = Duration.seconds(12);
    static final int MAX_SHOWN = 4;
    static final double WIDTH = 380;
    private static final double MARGIN = 12;
    private static final double GAP = 8;
    private static final String STYLESHEET = "leak-inspector.css";

    private final Stage owner;
    private final Duration infoDelay;
    /** Oldest first; the newest is at the bottom of the stack. */
    private final List<Popup> shown = new ArrayList<>();

    NoticePopups(Stage owner) {
        this(owner, INFO_DELAY);
    }

    /** @param infoDelay how long an information notice stays (tests shorten it) */
    NoticePopups(Stage owner, Duration infoDelay) {
        this.owner = owner;
        this.infoDelay = infoDelay;
    }

    /** Shows {@code notice} at the bottom of the stack. Does nothing while the owner window is not showing. */
    void show(LeakNotices notice) {
        if (!owner.isShowing()) {
            return;
        }
        while (shown.size() >= MAX_SHOWN) {
            shown.get(0).hide();
        }
        Popup popup = new Popup();
        popup.setAutoFix(true);
        popup.setHideOnEscape(true);
        popup.getContent().add(content(notice, popup));
        popup.setOnHidden(event -> {
            shown.remove(popup);
            place();
        });
        shown.add(popup);
        // Its size is known only once laid out (wrapped text), maybe a pulse later: placed again then.
        popup.widthProperty().addListener((obs, old, width) -> place());
        popup.heightProperty().addListener((obs, old, height) -> place());
        popup.show(owner);
        if (!notice.warning()) {
            hideLater(popup);
        }
        place();
    }

    /** The notices on screen, oldest first (tests look at their place). */
    List<Popup> shown() {
        return List.copyOf(shown);
    }

    private VBox content(LeakNotices notice, Popup popup) {
        Label title = new Label(notice.title());
        title.getStyleClass().add("notice-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button("\u00d7");
        close.getStyleClass().add("notice-close");
        close.setFocusTraversable(false);
        close.setOnAction(event -> popup.hide());
        HBox header = new HBox(8, title, spacer, close);
        Label text = new Label(notice.text());
        text.setWrapText(true);
        text.getStyleClass().add("notice-text");
        VBox box = new VBox(4, header, text);
        box.getStyleClass().addAll("root", "notice", notice.warning() ? "notice-warning" : "notice-info");
        Theme.current().applyTo(box);
        box.getStylesheets().add(NoticePopups.class.getResource(STYLESHEET).toExternalForm());
        box.setPrefWidth(WIDTH);
        box.setMaxWidth(WIDTH);
        box.setOnMouseClicked(event -> {
            popup.hide();
            owner.toFront();
            owner.requestFocus();
        });
        return box;
    }

    /** Hides an information notice after the delay, counted again each time the pointer leaves it. */
    private void hideLater(Popup popup) {
        PauseTransition delay = new PauseTransition(infoDelay);
        delay.setOnFinished(event -> popup.hide());
        VBox box = (VBox) popup.getContent().get(0);
        box.setOnMouseEntered(event -> delay.stop());
        box.setOnMouseExited(event -> delay.playFromStart());
        popup.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> delay.stop());
        delay.play();
    }

    /** Stacks the notices upwards from the bottom-right corner of the owner's screen, inside its usable area. */
    private void place() {
        Rectangle2D area = usableArea();
        double bottom = area.getMaxY() - MARGIN;
        for (int i = shown.size() - 1; i >= 0; i--) {
            Popup popup = shown.get(i);
            double width = Math.min(popup.getWidth(), area.getWidth() - 2 * MARGIN);
            double height = popup.getHeight();
            popup.setX(Math.max(area.getMinX() + MARGIN, area.getMaxX() - MARGIN - width));
            popup.setY(Math.max(area.getMinY() + MARGIN, bottom - height));
            bottom -= height + GAP;
        }
    }

    /** The visual bounds (without task bars) of the screen showing most of the owner window. */
    Rectangle2D usableArea() {
        List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(),
                Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight()));
        Screen screen = screens.isEmpty() ? Screen.getPrimary() : screens.get(0);
        return screen.getVisualBounds();
    }
}
