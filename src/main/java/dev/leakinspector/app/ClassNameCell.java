package dev.leakinspector.app;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A table cell for a class name where room is short: the readable simple name ({@link ClassNames#readable}),
 * the whole name and its package in the tooltip. Sorting and searching still use the whole name (the cell's
 * item). FX thread only.
 *
 * @param <S> the table's row type
 */
final class ClassNameCell<S> extends TableCell<S, String> {
    private final Tooltip tooltip = new Tooltip();

    @Override
    protected void updateItem(String className, boolean empty) {
        super.updateItem(className, empty);
        if (empty || className == null) {
            setText(null);
            setTooltip(null);
        } else {
            setText(ClassNames.readable(className));
            tooltip.setText(ClassNames.tooltip(className));
            setTooltip(tooltip);
        }
    }
}
