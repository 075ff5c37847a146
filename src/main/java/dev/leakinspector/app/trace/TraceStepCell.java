package dev.leakinspector.app.trace;

import dev.leakinspector.heap.LeakingStatus;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * One line of the leak trace: the incoming reference, the object's class (its simple name, the full name on hover),
 * its leaking status and why, marks for a suspect reference, a JDK/toolkit hold, a transient root and the leaked
 * object, and under it the notes that belong to the step (what to change, the hold's why, why the root is
 * transient). The marks are pseudo-classes of the cell ({@code :suspect}, {@code :library-hold},
 * {@code :transient-root}, {@code :leaked}, {@code :leaking-yes}, {@code :leaking-no}, {@code :leaking-unknown}), so
 * the stylesheet colours them. FX thread only; the list view reuses a cell for many steps.
 */
final class TraceStepCell extends ListCell<TraceStep> {
    /** The reference column's narrowest and widest; a longer reference is cut at its start (the tooltip has it all). */
    static final double MIN_REFERENCE_WIDTH = 160, MAX_REFERENCE_WIDTH = 420;
    /** About one character of the monospaced reference at the app's 13 px font, plus the label's padding. */
    private static final double CHAR_WIDTH = 8, PADDING = 10;

    private static final PseudoClass SUSPECT = PseudoClass.getPseudoClass("suspect");
    private static final PseudoClass LIBRARY_HOLD = PseudoClass.getPseudoClass("library-hold");
    private static final PseudoClass TRANSIENT_ROOT = PseudoClass.getPseudoClass("transient-root");
    private static final PseudoClass LEAKED = PseudoClass.getPseudoClass("leaked");
    private static final PseudoClass YES = PseudoClass.getPseudoClass("leaking-yes");
    private static final PseudoClass NO = PseudoClass.getPseudoClass("leaking-no");
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("leaking-unknown");

    private final Region dot = new Region();
    private final Label reference = new Label();
    private final Label arrow = new Label("\u2192");
    private final Label title = new Label();
    private final Label status = new Label();
    private final HBox tags = new HBox(6);
    private final VBox notes = new VBox(2);
    private final Tooltip referenceTip = new Tooltip();
    private final Tooltip titleTip = new Tooltip();
    private final VBox graphic;

    /**
     * The reference column's width for a path's steps: its longest reference, within
     * [{@link #MIN_REFERENCE_WIDTH}, {@link #MAX_REFERENCE_WIDTH}], so the classes line up in one column.
     */
    static double referenceWidth(java.util.List<TraceStep> steps) {
        int longest = steps.stream().mapToInt(st -> st.shortReferenceText().length()).max().orElse(0);
        return Math.max(MIN_REFERENCE_WIDTH, Math.min(MAX_REFERENCE_WIDTH, longest * CHAR_WIDTH + PADDING));
    }

    TraceStepCell(double referenceWidth) {
        getStyleClass().add("trace-step");
        dot.getStyleClass().add("trace-dot");
        dot.setMinSize(10, 10);
        dot.setMaxSize(10, 10);
        reference.getStyleClass().add("trace-reference");
        reference.setMinWidth(referenceWidth);
        reference.setPrefWidth(referenceWidth);
        reference.setMaxWidth(referenceWidth);
        reference.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        reference.setTooltip(referenceTip);
        arrow.getStyleClass().add("trace-arrow");
        title.getStyleClass().add("trace-class");
        title.setMinWidth(Region.USE_PREF_SIZE);
        title.setTooltip(titleTip);
        status.getStyleClass().add("trace-status");
        status.setMinWidth(60);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        tags.setAlignment(Pos.CENTER_RIGHT);
        tags.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(8, dot, reference, arrow, title, status, tags);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add("trace-line");
        notes.getStyleClass().add("trace-notes");
        graphic = new VBox(2, line, notes);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // a wide cell would give the list a horizontal scroll bar; the status and the notes wrap or ellipsize instead
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(TraceStep step, boolean empty) {
        super.updateItem(step, empty);
        setText(null);
        boolean shown = !empty && step != null;
        pseudoClassStateChanged(SUSPECT, shown && step.suspect());
        pseudoClassStateChanged(LIBRARY_HOLD, shown && step.libraryHold());
        pseudoClassStateChanged(TRANSIENT_ROOT, shown && step.transientRoot());
        pseudoClassStateChanged(LEAKED, shown && step.leaked());
        pseudoClassStateChanged(YES, shown && step.leaking() == LeakingStatus.YES);
        pseudoClassStateChanged(NO, shown && step.leaking() == LeakingStatus.NO);
        pseudoClassStateChanged(UNKNOWN, shown && step.leaking() == LeakingStatus.UNKNOWN);
        if (!shown) {
            setGraphic(null);
            return;
        }
        reference.setText(step.shortReferenceText());
        referenceTip.setText(step.referenceText() + (step.transientRoot() ? "\n" + step.transientReason() : ""));
        title.setText(step.title());
        titleTip.setText(step.className() + (step.classObject() ? " (the class object: its statics)" : ""));
        status.setText(step.statusText());
        tags.getChildren().clear();
        if (step.suspect()) {
            tags.getChildren().add(tag("suspect", "suspect-tag"));
        }
        if (step.libraryHold()) {
            tags.getChildren().add(tag("JDK/toolkit hold", "hold-tag"));
        }
        if (step.transientRoot()) {
            tags.getChildren().add(tag("transient root", "transient-tag"));
        }
        if (step.leaked()) {
            tags.getChildren().add(tag("leaked object", "leaked-tag"));
        }
        notes.getChildren().clear();
        for (String change : step.changes()) {
            notes.getChildren().add(note("What to change: " + change, "what-to-change"));
        }
        if (step.libraryHold()) {
            notes.getChildren().add(note("JDK/toolkit hold, not a suspect, nothing in the program to change: "
                    + step.libraryHoldWhy(), "hold-note"));
        }
        if (step.transientRoot()) {
            // the path's header gives the whole reason; the row says what it means
            notes.getChildren().add(note("Transient root: a UI thread's local, it lets go once the event being handled"
                    + " returns", "transient-note"));
        }
        notes.setManaged(!notes.getChildren().isEmpty());
        setGraphic(graphic);
        setAccessibleText(step.referenceText() + ", " + step.title() + ", " + step.statusText()
                + (step.suspect() ? ", suspect" : "") + (step.libraryHold() ? ", JDK/toolkit hold" : ""));
    }

    private static Label tag(String text, String styleClass) {
        Label tag = new Label(text.toUpperCase(Locale.ROOT));
        tag.getStyleClass().addAll("trace-tag", styleClass);
        tag.setMinWidth(Region.USE_PREF_SIZE);
        return tag;
    }

    private static Label note(String text, String styleClass) {
        Label note = new Label(text);
        note.getStyleClass().addAll("trace-note", styleClass);
        note.setWrapText(true);
        // the dot, reference and arrow columns: notes sit under the class they are about
        note.setPadding(new Insets(0, 0, 0, 18));
        return note;
    }
}
