package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Pattern 12: children moved out of a dropped view. "New layout" replaces the contact form in the
 * centre with a contact card and moves the form's name field and notes into the card, which is shown;
 * the old form is held a few seconds by a delayed "log the old layout" task, then let go. The old form:
 * RETAINED → DEALLOCATED; the moved children: never reported, they are on screen all along. The window
 * stays up until well after the old form is collected. Use on the JavaFX thread.
 */
final class MovedChildrenPattern extends DemoPattern {
    /** How long the delayed task keeps the old form: past the grace period and the report, on purpose. */
    static final long HELD_FOR_MILLIS = 6_000;
    /**
     * How long the window stays up after the swap: the old form is let go after {@link #HELD_FOR_MILLIS},
     * and the agent notices at its next recheck; the moved children must still be on screen then.
     */
    static final Duration SHOWN_AFTER_SWAP = Duration.seconds(14);

    private static final ScheduledExecutorService SCHEDULER =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("demo-layout-log"));

    /** How many old layouts were logged: the delayed task really ran. */
    static final AtomicInteger LAYOUTS_LOGGED = new AtomicInteger();

    MovedChildrenPattern() {
        super("12", "Children moved out of a dropped view", ExpectedOutcome.RETAINED_THEN_DEALLOCATED,
                "\"New layout\" replaces the contact form with a contact card and moves the name field and the "
                        + "notes into the card. A delayed task keeps the old form " + HELD_FOR_MILLIS / 1000
                        + " s, then lets it go. The moved controls are on screen all along.");
    }

    @Override
    protected void populate(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        root.setCenter(null);
        window.form().setPrefWidth(190);
        root.setLeft(window.form());
        root.setCenter(new ContactForm());
        window.addStep("new-layout", "New layout", DemoScript.SHOW_FOR, () -> {
            ContactForm old = (ContactForm) root.getCenter();
            ContactCard card = new ContactCard();
            root.setCenter(card);
            card.getChildren().addAll(old.handOverControls());
            String layout = old.describe();
            SCHEDULER.schedule(() -> logOldLayout(old, layout), HELD_FOR_MILLIS, TimeUnit.MILLISECONDS);
        });
        window.setScriptCloseAfter(SHOWN_AFTER_SWAP);
    }

    /** Runs on the scheduler thread; reads nothing of the UI, it only needs the old form to exist. */
    private static void logOldLayout(ContactForm old, String layout) {
        LAYOUTS_LOGGED.incrementAndGet();
        System.out.println("demo: old contact layout (" + layout + ", " + old.getClass().getSimpleName()
                + ") logged; it can be collected now");
    }

    /**
     * The old view: a title, the name field and the notes. It keeps no fields of its controls, so once
     * they are handed over it refers to nothing on screen (else it would keep the new view's window).
     */
    static final class ContactForm extends VBox {
        ContactForm() {
            super(8);
            TextField name = new TextField("Ada Lovelace");
            name.setId("name");
            TextArea notes = new TextArea("Met at the analytical engine meetup.");
            notes.setId("notes");
            notes.setPrefRowCount(3);
            getChildren().addAll(new Label("Contact (form layout)"), name, notes);
        }

        /**
         * Takes the name field and the notes out of this form, for a new view to add. (Adding them to the
         * new parent would take them out too: JavaFX allows one parent; this says it in one place.)
         */
        List<Node> handOverControls() {
            List<Node> controls = new ArrayList<>(getChildren().filtered(n -> n instanceof TextInputControl));
            getChildren().removeAll(controls);
            return controls;
        }

        /** Read on the JavaFX thread before the delayed task, which must not touch the UI. */
        String describe() {
            return getChildren().size() + " controls left";
        }
    }

    /** The new view the moved controls end up in. */
    static final class ContactCard extends VBox {
        ContactCard() {
            super(8, new Label("Contact (card layout)"));
        }
    }
}
