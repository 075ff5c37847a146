package dev.leakinspector.app;

import dev.leakinspector.protocol.ClassGlobs;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.util.function.Supplier;

/**
 * The leak list's context menu, for the selected row: ignore its class or its package (live sessions only),
 * or copy its view stack. Lives as long as the menu it is {@link #install installed} in. FX thread only.
 */
final class RowMenu {
    private final MenuItem ignoreClassItem;
    private final MenuItem ignorePackageItem;
    private final MenuItem copyItem;
    private final Supplier<LeakRecord> selectedRow;
    private final RecordedSession session;
    private final IgnoreListEditor ignores;

    private RowMenu(MenuItem ignoreClassItem, MenuItem ignorePackageItem, MenuItem copyItem,
                    Supplier<LeakRecord> selectedRow, RecordedSession session, IgnoreListEditor ignores) {
        this.ignoreClassItem = ignoreClassItem;
        this.ignorePackageItem = ignorePackageItem;
        this.copyItem = copyItem;
        this.selectedRow = selectedRow;
        this.session = session;
        this.ignores = ignores;
    }

    /**
     * Makes {@code menu} and its items act on the selected row; the menu keeps what it needs for that.
     *
     * @param selectedRow the row the menu acts on, or null
     * @param ignores     where "Ignore …" adds its glob
     */
    static void install(ContextMenu menu, MenuItem ignoreClassItem, MenuItem ignorePackageItem, MenuItem copyItem,
                        Supplier<LeakRecord> selectedRow, RecordedSession session, IgnoreListEditor ignores) {
        RowMenu actions = new RowMenu(ignoreClassItem, ignorePackageItem, copyItem, selectedRow, session, ignores);
        menu.setOnShowing(event -> actions.prepare());
        ignoreClassItem.setOnAction(event -> actions.ignoreClass());
        ignorePackageItem.setOnAction(event -> actions.ignorePackage());
        copyItem.setOnAction(event -> actions.copyViewStack());
    }

    /** Names the row's class and package in the items, and disables what does not apply. */
    private void prepare() {
        LeakRecord row = selectedRow.get();
        boolean canIgnore = row != null && session.isEditable();
        ignoreClassItem.setDisable(!canIgnore);
        ignorePackageItem.setDisable(!canIgnore || row.packageName().isEmpty());
        copyItem.setDisable(row == null);
        ignoreClassItem.setText(row == null ? "Ignore this class" : "Ignore this class (" + row.className() + ")");
        ignorePackageItem.setText(row == null ? "Ignore package"
                : "Ignore package (" + ClassGlobs.forPackage(row.className()) + ")");
    }

    private void ignoreClass() {
        LeakRecord row = selectedRow.get();
        if (row != null) {
            ignores.add(ClassGlobs.forClass(row.className()));
        }
    }

    private void ignorePackage() {
        LeakRecord row = selectedRow.get();
        if (row != null) {
            ignores.add(ClassGlobs.forPackage(row.className()));
        }
    }

    /** Puts the row's class and view stack on the clipboard. */
    private void copyViewStack() {
        LeakRecord row = selectedRow.get();
        if (row != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(row.className() + "\n" + row.viewStackText());
            Clipboard.getSystemClipboard().setContent(content);
        }
    }
}
