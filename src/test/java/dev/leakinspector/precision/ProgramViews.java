package dev.leakinspector.precision;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.awt.BorderLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * Views as a program writes them, for the crumb tests: the crumbs name the program's own classes, and
 * classes in the agent's package (where those tests live) are the agent's, never the program's. Swing
 * views on any thread (headless tests make no window); JavaFX views on the FX thread.
 */
public final class ProgramViews {
    private ProgramViews() {
    }

    /** A page that is its own panel: {@code InvoicesPage}. */
    public static JPanel invoicesPage() {
        return new InvoicesPage();
    }

    /** {@code new JPanel() {…}} written in this class. */
    public static JPanel anonymousPanel() {
        return new JPanel(new BorderLayout()) {
        };
    }

    /** A plain panel an orders page object builds and listens on, headed "Orders". */
    public static JPanel ordersControllerPage() {
        return new OrdersController().buildPage();
    }

    /** A page that is its own pane: {@code ChartsPage}. */
    public static VBox chartsPage() {
        return new ChartsPage();
    }

    /** {@code new VBox() {…}} written in this class. */
    public static VBox anonymousVBox() {
        return new VBox() {
        };
    }

    /** A plain pane a buttons sample builds and handles, headed "Buttons". */
    public static VBox buttonsSamplePanel() {
        return new ButtonsSample().buildPanel();
    }

    /** A page of its own class. */
    static final class InvoicesPage extends JPanel {
    }

    /** A page object that builds a plain panel and listens on its controls, as many programs do. */
    static final class OrdersController {
        JPanel buildPage() {
            JPanel page = new JPanel();
            page.add(new JLabel("Orders"));
            JButton refresh = new JButton("Refresh");
            refresh.addActionListener(e -> refresh());
            page.add(refresh);
            return page;
        }

        private void refresh() {
        }
    }

    /** A page of its own class. */
    static final class ChartsPage extends VBox {
    }

    /** A sample object that builds a plain pane and handles its controls, as sample browsers do. */
    static final class ButtonsSample {
        VBox buildPanel() {
            Button press = new Button("Press");
            press.setOnAction(e -> pressed());
            return new VBox(new Label("Buttons"), press);
        }

        private void pressed() {
        }
    }
}
