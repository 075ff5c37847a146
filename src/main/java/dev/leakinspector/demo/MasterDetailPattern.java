package dev.leakinspector.demo;

import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Pattern 17: a master-detail view that builds a new detail pane for every selection; each pane adds a
 * listener to the app-wide {@link AppModel} (a static field) and never removes it, and closing the window
 * clears the detail first. After three selections three detail panes are retained: the first may be a
 * cache (RETAINED), three of one kind pile up (→ LEAK ×3): static model → listener list → listener →
 * detail pane. Use on the JavaFX thread.
 */
final class MasterDetailPattern extends DemoPattern {
    static final String[] CUSTOMERS = {"Ada Lovelace", "Charles Babbage", "Grace Hopper"};

    MasterDetailPattern() {
        super("17", "Master-detail, new pane per selection", ExpectedOutcome.RETAINED_THEN_LEAK_X3,
                "Selecting a customer builds a new detail pane that listens to the app-wide model and never "
                        + "stops. Select three customers: every old pane stays behind the model's listener list.");
    }

    @Override
    protected void populate(PatternWindow window) {
        BorderPane root = (BorderPane) window.stage().getScene().getRoot();
        ListView<String> master = new ListView<>(FXCollections.observableArrayList(CUSTOMERS));
        master.setId("customers");
        master.setPrefWidth(150);
        BorderPane detail = new BorderPane(new Label("Select a customer"));
        detail.setId("detail");
        master.getSelectionModel().selectedItemProperty().addListener((obs, old, customer) -> {
            if (customer != null) {
                detail.setCenter(new DetailPane(customer));
            }
        });
        window.form().getChildren().add(new HBox(12, master, detail));
        window.addStep("select-1", "Select " + CUSTOMERS[0], DemoScript.SHOW_FOR, () -> master.getSelectionModel().select(0));
        window.addStep("select-2", "Select " + CUSTOMERS[1], DemoScript.SHOW_FOR, () -> master.getSelectionModel().select(1));
        window.addStep("select-3", "Select " + CUSTOMERS[2], AFTER_REPORT, () -> master.getSelectionModel().select(2));
        window.setCloseRequestHandler(() -> {
            // The window clears its detail before it closes; the pane it drops is retained like the others.
            detail.setCenter(new Label("Select a customer"));
            window.stage().close();
        });
    }

    /** Shows one customer and the model's status; its listener is never removed. */
    static final class DetailPane extends VBox {
        private final Label status = new Label();

        DetailPane(String customer) {
            super(6);
            getChildren().addAll(new Label(customer), status);
            showStatus(AppModel.INSTANCE.getStatus());
            // A lambda that uses this pane: the static model keeps every pane ever built.
            ChangeListener<String> listener = (obs, old, now) -> showStatus(now);
            AppModel.INSTANCE.statusProperty().addListener(listener);
        }

        private void showStatus(String now) {
            status.setText("Model status: " + now);
        }
    }
}
