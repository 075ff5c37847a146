package dev.leakinspector.app.graph;

import dev.leakinspector.graph.GraphFolding;
import dev.leakinspector.graph.NodeInspector;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.heap.ChangeHint;
import dev.leakinspector.heap.ObjectContents;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The details of the clicked object: its class, leaking status, for the leaked object or either end of a suspect
 * reference what to change ({@link RetainGraph#changesAt}), how the drawn graph holds it and, with a
 * {@link NodeInspector}, its fields and retained size read in the background. For a folded group: what it holds
 * and a button to show it; for an object of an expanded group, a button to fold it back. FX thread only; what
 * the inspector reads arrives later on the FX thread, and a click on another object cancels a retained-size
 * computation still running.
 *
 * <p>Style classes: {@code graph-details}, {@code details-heading}, {@code details-name}, {@code details-value},
 * {@code what-to-change}, {@code retained-size} (pseudo-class {@code :pending}), {@code details-error}.
 */
final class DetailsPane extends ScrollPane {
    /** Wide enough for a field's name and a reference value ({@code String@0x7ff6c1a2b3c8 "…}) side by side. */
    static final double WIDTH = 380;
    private static final javafx.css.PseudoClass PENDING = javafx.css.PseudoClass.getPseudoClass("pending");

    private final VBox details = new VBox(6);
    private final LongConsumer goTo;
    private final Consumer<GraphFolding.Group> open;
    private final Consumer<GraphFolding.Group> fold;
    private RetainGraph graph;
    /** Reads fields and retained sizes from the dump behind the graph; null when there is none. */
    private NodeInspector inspector;

    /**
     * @param goTo called with the id of a graph object the user asks to go to (from the fields table)
     * @param open called to show a folded group's objects
     * @param fold called to fold an expanded group back
     */
    DetailsPane(LongConsumer goTo, Consumer<GraphFolding.Group> open, Consumer<GraphFolding.Group> fold) {
        super();
        this.goTo = goTo;
        this.open = open;
        this.fold = fold;
        details.getStyleClass().add("graph-details");
        details.setPadding(new Insets(10));
        details.setPrefWidth(WIDTH);
        setContent(details);
        setFitToWidth(true);
        getStyleClass().add("graph-details-scroll");
        setPrefWidth(WIDTH + 12);
    }

    void setInspector(NodeInspector value) {
        inspector = value;
    }

    /** The user moved on: a retained size still being computed is not wanted any more. */
    void cancelPending() {
        if (inspector != null) {
            inspector.cancelRetainedSize();
        }
    }

    /** A folded group: how many objects of which classes, and a button to show them. */
    private void showGroup(RetainGraph g, RetainGraph.Node n) {
        GraphFolding.Group group = g.groupOfNode(n.objectId()).orElse(null);
        details.getChildren().add(field("Folded", n.title()));
        details.getChildren().add(wrap("Objects only the leaked " + n.shortClassName() + " holds, found on the"
                + " reference cycles through it: its own internals, which go when it goes. Folded so the paths"
                + " that keep it alive stand out."));
        if (group != null) {
            Map<String, Integer> byClass = new TreeMap<>();
            for (long m : group.members()) {
                g.full().node(m).ifPresent(o -> byClass.merge(o.title(), 1, Integer::sum));
            }
            List<String> lines = new ArrayList<>();
            byClass.forEach((c, count) -> lines.add(count + " × " + c));
            details.getChildren().add(field("Inside", String.join("\n", lines)));
            Button show = new Button("Show the " + group.size() + " objects");
            show.setOnAction(e -> open.accept(group));
            details.getChildren().add(show);
        }
    }

    /** Shows {@code n} of the drawn graph {@code g}, or (null) the hint to click one. */
    void show(RetainGraph g, RetainGraph.Node n) {
        graph = g;
        details.getChildren().clear();
        Label heading = new Label("Details");
        heading.getStyleClass().add("details-heading");
        details.getChildren().add(heading);
        if (n == null) {
            details.getChildren().add(wrap(g != null && g.state() == RetainGraph.State.GRAPH
                    ? "Click an object to see how it is held." : ""));
            return;
        }
        if (n.isGroup()) {
            showGroup(g, n);
            return;
        }
        details.getChildren().add(field("Class", n.className() + (n.classObject() ? " (class object: its statics)" : "")));
        details.getChildren().add(field("Object id", "0x" + Long.toHexString(n.objectId())));
        if (!n.label().isEmpty()) {
            details.getChildren().add(field("View stack", n.label()));
        }
        details.getChildren().add(field("Leaking", n.leaking() + (n.leakingReason().isEmpty() ? "" : " — " + n.leakingReason())));
        // the leaked object, or either end of a suspect reference: what the program should change to let it go
        List<String> changes = g.changesAt(n.objectId()).stream().map(ChangeHint::line).toList();
        if (!changes.isEmpty()) {
            VBox row = field("What to change", String.join("\n", changes));
            row.getChildren().get(1).getStyleClass().add("what-to-change");
            details.getChildren().add(row);
        }
        showRetainedSize(n);
        if (n.isRoot()) {
            details.getChildren().add(field("GC root", n.rootKind().description() + " — " + n.rootDescription()));
        }
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (RetainGraph.Edge e : g.edges()) {
            String mark = e.suspect() ? "  (suspect)" : e.libraryHold() ? "  (JDK/toolkit hold)" : e.backEdge() ? "  (cycle)" : "";
            // the reference on a line of its own: long names wrap at their dots, not in the middle of a pair
            if (e.to() == n.objectId()) {
                in.add("• " + RetainGraph.withoutHiddenSuffix(e.reference()) + mark + "\n   from "
                        + g.node(e.from()).map(RetainGraph.Node::title).orElse("?"));
            }
            if (e.from() == n.objectId()) {
                out.add("• " + RetainGraph.withoutHiddenSuffix(e.reference()) + mark + "\n   → "
                        + g.node(e.to()).map(RetainGraph.Node::title).orElse("?"));
            }
        }
        if (!in.isEmpty()) {
            details.getChildren().add(field("Held by", String.join("\n", in)));
        }
        if (!out.isEmpty()) {
            details.getChildren().add(field("Its references in this graph", String.join("\n", out)));
        }
        for (GraphFolding.Group group : g.groupsContaining(n.objectId())) {
            Button back = new Button(group.kind() == GraphFolding.Kind.INTERNALS ? "Fold: " + group.label()
                    : "Fold into one step: " + group.label());
            back.setOnAction(e -> fold.accept(group));
            details.getChildren().add(back);
        }
        showFields(n);
    }

    /** Adds a line saying what went wrong (an export that could not be written). */
    void showError(String text) {
        Label l = wrap(text);
        l.getStyleClass().add("details-error");
        details.getChildren().add(l);
    }

    /**
     * The retained size: the one the analysis computed (the leaked objects), else, with an inspector, computed now
     * in the background ("computing…" until then); without one, said to be unknown for a leaked object only.
     */
    private void showRetainedSize(RetainGraph.Node n) {
        if (n.retainedBytes() < 0 && inspector == null) {
            if (n.leakedObject()) {
                details.getChildren().add(retainedSizeField("not computed"));
            }
            return;
        }
        if (n.retainedBytes() >= 0) {
            details.getChildren().add(retainedSizeField(bytes(n.retainedBytes())));
            if (inspector != null) {
                // the user moved on from whatever was being computed
                inspector.cancelRetainedSize();
            }
            return;
        }
        VBox row = retainedSizeField("computing… (a pass over the whole heap)");
        Label value = (Label) row.getChildren().get(1);
        value.pseudoClassStateChanged(PENDING, true);
        details.getChildren().add(row);
        whenDone(inspector.retainedSize(n.objectId()), size -> {
            value.pseudoClassStateChanged(PENDING, false);
            value.setText(bytes(size));
        }, failure -> {
            value.pseudoClassStateChanged(PENDING, false);
            value.setText("not available: " + NodeInspector.messageOf(failure));
        });
    }

    private static VBox retainedSizeField(String text) {
        VBox row = field("Retained size", text);
        row.getChildren().get(1).getStyleClass().add("retained-size");
        return row;
    }

    /** With an inspector: what the object holds, read from the dump (at once when it was read before). */
    private void showFields(RetainGraph.Node n) {
        if (inspector == null) {
            return;
        }
        Label heading = new Label("Fields");
        heading.getStyleClass().add("details-name");
        Label summary = wrap("reading…");
        summary.pseudoClassStateChanged(PENDING, true);
        VBox section = new VBox(3, heading, summary);
        section.getStyleClass().add("fields-section");
        details.getChildren().add(section);
        whenDone(inspector.contents(n.objectId()), contents -> {
            summary.pseudoClassStateChanged(PENDING, false);
            heading.setText(switch (contents.kind()) {
                case CLASS -> "Static fields";
                case OBJECT_ARRAY, PRIMITIVE_ARRAY -> "Elements";
                default -> "Fields";
            });
            summary.setText(summary(contents));
            Set<Long> drawn = new HashSet<>();
            graph.full().nodes().forEach(node -> drawn.add(node.objectId()));
            section.getChildren().add(new FieldsTable(contents, drawn, goTo));
            if (contents.more() > 0) {
                section.getChildren().add(wrap(String.format(Locale.ROOT, "… %,d more not listed", contents.more())));
            }
        }, failure -> {
            summary.pseudoClassStateChanged(PENDING, false);
            summary.setText("Not read from the heap dump: " + NodeInspector.messageOf(failure));
        });
    }

    /** One line above the fields: how many, the shallow size, and what a reference object's referent is. */
    private static String summary(ObjectContents c) {
        String shallow = "shallow size " + bytes(c.shallowSize());
        return switch (c.kind()) {
            case OBJECT_ARRAY, PRIMITIVE_ARRAY -> String.format(Locale.ROOT, "%s of length %,d · %s",
                    RetainGraph.shortName(c.className()), c.length(), shallow);
            case CLASS -> c.length() + " static field" + (c.length() == 1 ? "" : "s") + " · " + shallow;
            default -> {
                long inherited = c.fields().stream().filter(f -> !f.declaringClass().equals(c.className())).count();
                yield c.length() + " field" + (c.length() == 1 ? "" : "s")
                        + (inherited == 0 ? "" : " (" + inherited + " inherited, listed after its own)") + " · " + shallow
                        + (c.referenceType().isEmpty() ? ""
                        : " · a " + c.referenceType() + " reference: its referent is not held strongly");
            }
        };
    }

    /**
     * Runs {@code onResult} or {@code onFailure} on the FX thread: at once when the future is done already, else when
     * it completes. A cancellation is ignored: a newer click replaced the request, and the pane with it.
     */
    private static <T> void whenDone(CompletableFuture<T> future, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        future.whenComplete((result, failure) -> {
            Runnable show = () -> {
                if (failure == null) {
                    onResult.accept(result);
                } else if (!NodeInspector.isCancellation(failure)) {
                    onFailure.accept(failure);
                }
            };
            if (Platform.isFxApplicationThread()) {
                show.run();
            } else {
                Platform.runLater(show);
            }
        });
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " bytes";
        }
        return String.format(Locale.ROOT, "%,d bytes (%.1f %s)", b, b < 1024 * 1024 ? b / 1024.0 : b / (1024.0 * 1024),
                b < 1024 * 1024 ? "KiB" : "MiB");
    }

    private static VBox field(String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("details-name");
        Label v = wrap(value);
        v.getStyleClass().add("details-value");
        return new VBox(1, n, v);
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
