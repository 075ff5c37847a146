package dev.leakinspector.app;

import dev.leakinspector.session.Crumb;
import dev.leakinspector.session.LeakRecord;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import org.controlsfx.control.BreadCrumbBar;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The detail pane under the leak list: the selected row's view stack as breadcrumbs, what is known of the
 * clicked crumb, and the row's fields, among them its verdict and why, and why no GC confirmed it if none did. Owns those labels and the bar; one per session window, dropped with
 * it. FX thread only.
 */
final class DetailPane {
    private static final DateTimeFormatter CLOCK_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final PseudoClass ACTIVE_CRUMB = PseudoClass.getPseudoClass("shown");

    private final BreadCrumbBar<String> breadCrumbs;
    private final Label crumbInfo;
    private final Label detailClass;
    private final Label detailStatus;
    private final Label detailVerdict;
    private final Label detailTrigger;
    private final Label detailWatched;
    private final Label detailReported;
    private final Label detailGc;
    private final Label detailDescendants;
    private final Label detailId;
    /** The verdict's tier in its colour ("Leak", "Retained"), shown before its reason in {@code detailVerdict}. */
    private final Label verdictTier = new Label();
    /** The row shown, whose crumbs the bar holds; null when nothing is selected. */
    private LeakRecord shown;

    DetailPane(BreadCrumbBar<String> breadCrumbs, Label crumbInfo, Label detailClass, Label detailStatus,
               Label detailVerdict, Label detailTrigger, Label detailWatched, Label detailReported, Label detailGc,
               Label detailDescendants, Label detailId) {
        this.breadCrumbs = breadCrumbs;
        this.crumbInfo = crumbInfo;
        this.detailClass = detailClass;
        this.detailStatus = detailStatus;
        this.detailVerdict = detailVerdict;
        this.detailTrigger = detailTrigger;
        this.detailWatched = detailWatched;
        this.detailReported = detailReported;
        this.detailGc = detailGc;
        this.detailDescendants = detailDescendants;
        this.detailId = detailId;
        verdictTier.setId("detailVerdictTier");
        // Clicking a crumb shows what is known of that object; the bar keeps the whole stack (no navigation).
        // Selecting a row describes the reported object itself, not the deepest crumb the bar ends on.
        breadCrumbs.setOnCrumbAction(event -> showCrumb(event.getSelectedCrumb()));
    }

    /** Shows {@code row}, or the hint to select one when it is null. */
    void show(LeakRecord row) {
        shown = row;
        if (row == null) {
            breadCrumbs.setSelectedCrumb(null);
            crumbInfo.setText("Select a report to see where the object lived.");
            showStatusStyle(detailStatus, null);
            detailVerdict.setGraphic(null);
            for (Label label : List.of(detailClass, detailStatus, detailVerdict, detailTrigger, detailWatched, detailReported, detailGc,
                    detailDescendants, detailId)) {
                label.setText("");
            }
            return;
        }
        List<String> crumbs = row.viewStack().isEmpty() ? List.of(row.simpleClassName()) : row.viewStack();
        breadCrumbs.setSelectedCrumb(BreadCrumbBar.buildTreeModel(crumbs.toArray(String[]::new)));
        showReportedObject(row);
        detailClass.setText(row.className());
        detailStatus.setText(row.statusText());
        showStatusStyle(detailStatus, row.statusKey());
        // The verdict stays worth knowing after a retraction: a reused "retained" page was a cache, as suspected.
        verdictTier.setText(row.verdictText() + (row.isRetracted() ? " when reported:" : ":"));
        showStatusStyle(verdictTier, row.verdict().wireName());
        detailVerdict.setGraphic(verdictTier);
        detailVerdict.setText(row.verdictExplanation());
        detailTrigger.setText(row.trigger());
        detailWatched.setText(CLOCK_MILLIS.format(Instant.ofEpochMilli(row.watchedAtMillis())));
        detailReported.setText(CLOCK_MILLIS.format(Instant.ofEpochMilli(row.reportedAtMillis()))
                + String.format(" (%.1f s after the trigger)", (row.reportedAtMillis() - row.watchedAtMillis()) / 1000.0));
        detailGc.setText(row.gcConfirmed() ? "yes: still alive after a GC"
                : "no GC ran after its grace period: " + (row.gcSkippedBecause().isEmpty()
                        ? "the agent could not force one" : row.gcSkippedBecause())
                        + "; it may simply not have been collected yet");
        detailDescendants.setText(row.descendants() == 0 ? "none"
                : row.descendants() + " watched objects inside it (its scene and nodes) are counted here, not reported one by one");
        detailId.setText(Long.toString(row.watchId()));
    }

    /** Colours {@code label} as the list colours that status (leak, retained, reused, …); null for none. */
    private static void showStatusStyle(Label label, String statusKey) {
        label.getStyleClass().removeIf(style -> style.startsWith("status-"));
        if (statusKey != null) {
            label.getStyleClass().add(LeakList.statusStyleClass(statusKey));
        }
    }

    /** A clicked crumb: what is known of that object, and whether it is the reported one. */
    private void showCrumb(TreeItem<String> crumb) {
        if (crumb == null) {
            return;
        }
        int depth = 0;
        for (TreeItem<String> item = crumb.getParent(); item != null; item = item.getParent()) {
            depth++;
        }
        describeCrumb(depth, crumb.getValue());
    }

    /**
     * The reported object: its own crumb when the view stack has one, otherwise its class and where it was
     * shown (the deepest crumb), so the text beside "Class" is always about that class.
     */
    private void showReportedObject(LeakRecord row) {
        int index = objectIndex(row);
        if (index >= 0) {
            describeCrumb(index, row.viewStack().get(index));
            return;
        }
        markActiveCrumb(-1);
        String name = ClassNames.readable(row.className());
        List<String> stack = row.viewStack();
        crumbInfo.setText(stack.isEmpty() ? "The reported object is " + withArticle(name) + "; it has no view stack."
                : "The reported object is " + withArticle(name) + ", not itself in the view stack: it was shown in "
                        + Crumb.parse(stack.get(stack.size() - 1)).describe()
                        + (stack.size() == 1 ? ", the window." : ", level " + (stack.size() - 1) + " below the window."));
    }

    private void describeCrumb(int depth, String crumbText) {
        markActiveCrumb(depth);
        LeakRecord row = shown;
        boolean isObject = row != null && objectIndex(row) == depth;
        crumbInfo.setText(capitalize(Crumb.parse(crumbText).describe())
                + (depth == 0 ? ", the window at the top of the view stack" : ", level " + depth + " below the window")
                + (isObject ? "; this is the reported object" : "")
                + ".");
    }

    /**
     * Where the reported object is in its view stack, or -1. The view stack runs from the window down to the
     * object's place; the object is the first crumb of its own type (a leaked Stage is crumb 0, a detached
     * node further down). The agent names a nested class by its own simple name ({@code OrdersPage}).
     */
    static int objectIndex(LeakRecord row) {
        List<String> types = row.viewStack().stream().map(Crumb::typeOf).toList();
        int index = types.indexOf(row.simpleClassName());
        return index >= 0 ? index : types.indexOf(ClassNames.readable(row.className()));
    }

    private static String withArticle(String name) {
        return (!name.isEmpty() && "AEIOU".indexOf(Character.toUpperCase(name.charAt(0))) >= 0 ? "an " : "a ") + name;
    }

    /** Marks the crumb button at {@code index} as the one whose description is shown. */
    private void markActiveCrumb(int index) {
        List<Node> buttons = breadCrumbs.lookupAll(".button").stream()
                .filter(Button.class::isInstance).toList();
        for (int i = 0; i < buttons.size(); i++) {
            buttons.get(i).pseudoClassStateChanged(ACTIVE_CRUMB, i == index);
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
