package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The curated JDK/toolkit holds: the table reads, and every entry is recognised on a hand-written dump whose only
 * path goes through it (no suspect reference, the explanation marked with the hold, the trace saying why), while the
 * same field name in a program's own class is not.
 */
class LibraryHoldsTest {
    @TempDir
    Path dir;

    static Stream<LibraryHold> holds() {
        return LibraryHolds.defaults().all().stream();
    }

    /**
     * A dump where the leaked panel is kept only through the pattern: static Keeper.REF -> an instance of the hold's
     * class -> field -> panel; static hold field -> panel; or a local of the hold's thread -> panel.
     */
    private ObjectAnalysis keptThrough(LibraryHold hold, String className) throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.LeakedPanel", "java.lang.Object");
        long panel = h.obj("com.acme.LeakedPanel");
        switch (hold.kind()) {
            case INSTANCE_FIELD -> {
                h.cls("com.acme.Keeper", "java.lang.Object");
                h.cls(className, "java.lang.Object", hold.member());
                h.staticField("com.acme.Keeper", "REF", h.obj(className, hold.member(), panel));
            }
            case STATIC_FIELD -> {
                h.cls(className, "java.lang.Object");
                h.staticField(className, hold.member(), panel);
            }
            case THREAD -> {
                int thread = h.thread(hold.member(), "sun.awt.X11.XToolkit.run", "java.lang.Thread.run");
                h.local(panel, thread, 0);
            }
        }
        try (HprofIndex index = h.open(dir.resolve("hold.hprof"))) {
            return MiniHeap.analyse(index, panel, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holds")
    void everyEntryIsRecognisedAndBlamesNothingOnTheProgram(LibraryHold hold) throws IOException {
        ObjectAnalysis a = keptThrough(hold, hold.className());
        assertEquals(Optional.of(hold), a.libraryHold());
        RetentionPath path = a.paths().get(0);
        assertEquals(Optional.of(hold), path.libraryHold());
        assertTrue(path.steps().stream().noneMatch(PathStep::suspect), "no suspect reference on a JDK/toolkit hold");
        int marked = hold.kind() == LibraryHold.Kind.INSTANCE_FIELD ? 2 : hold.kind() == LibraryHold.Kind.STATIC_FIELD ? 1 : 0;
        for (int i = 0; i < path.steps().size(); i++) {
            assertEquals(i == marked, path.steps().get(i).libraryHold(), "step " + i);
        }
        assertEquals(PathVerdict.UNDECIDED, a.pathVerdict());
        assertTrue(a.fingerprint().matches("[0-9a-f]{40}"));
        String text = LeakTraceText.format(List.of(a));
        assertTrue(text.contains("JDK/toolkit hold: " + hold.why()), text);
        assertFalse(text.contains("~"), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("holds")
    void theSameNameElsewhereIsTheProgramsOwnReference(LibraryHold hold) throws IOException {
        if (hold.kind() == LibraryHold.Kind.THREAD) {
            return; // a thread's name is all its pattern has
        }
        ObjectAnalysis a = keptThrough(hold, "com.acme.Impostor");
        assertEquals(Optional.empty(), a.libraryHold());
        assertTrue(a.paths().get(0).steps().get(a.paths().get(0).steps().size() - 1).suspect());
    }

    @Test
    void theProgramsOwnPathComesBeforeAShorterHold() throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.LeakedPanel", "java.lang.Object");
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.Registry", "java.lang.Object", "panel");
        h.cls("com.acme.Wrapper", "java.lang.Object", "registry");
        h.cls("javax.swing.ToolTipManager", "java.lang.Object", "insideComponent");
        h.cls("java.awt.KeyboardFocusManager", "java.lang.Object");
        long panel = h.obj("com.acme.LeakedPanel");
        h.staticField("java.awt.KeyboardFocusManager", "focusOwner", panel);
        // the tooltip manager is reached first, and holds the panel too (an instance field hold)
        h.staticField("com.acme.App", "TIPS", h.obj("javax.swing.ToolTipManager", "insideComponent", panel));
        h.staticField("com.acme.App", "REGISTRY", h.obj("com.acme.Wrapper", "registry", h.obj("com.acme.Registry", "panel", panel)));
        try (HprofIndex index = h.open(dir.resolve("both.hprof"))) {
            ObjectAnalysis a = MiniHeap.analyse(index, panel, 3);
            assertEquals(3, a.paths().size());
            assertEquals(Optional.empty(), a.libraryHold(), "the program keeps it too: its own leak");
            assertEquals("static App.REGISTRY", a.paths().get(0).steps().get(1).reference());
            assertEquals(List.of("focus owner", "tooltip manager component"), a.paths().subList(1, 3).stream()
                .map(p -> p.libraryHold().orElseThrow().name()).sorted().toList());
            // one path only: the search follows the hold's reference last, so the program's path is the one
            ObjectAnalysis one = MiniHeap.analyse(index, panel, 1);
            assertEquals(1, one.paths().size());
            assertEquals("static App.REGISTRY", one.paths().get(0).steps().get(1).reference());
            assertEquals(Optional.empty(), one.libraryHold());
        }
    }

    @Test
    void theTableCoversTheHoldsSeenOnRealPrograms() {
        List<String> patterns = LibraryHolds.defaults().all().stream().map(LibraryHold::pattern).toList();
        for (String p : List.of("field sun.awt.X11InputMethodBase.awtFocussedComponent",
                "static sun.awt.im.InputContext.previousInputMethod", "static sun.awt.im.InputContext.inputMethodWindowContext",
                "static java.awt.KeyboardFocusManager.permanentFocusOwner",
                "field javax.swing.plaf.basic.BasicPopupMenuUI$MenuKeyboardHelper.lastFocused",
                "field javax.swing.ToolTipManager.insideComponent", "field javax.swing.RepaintManager.invalidComponents",
                "field javafx.scene.Scene$MouseHandler.lastEvent", "field javafx.scene.Scene.dirtyNodes",
                "field com.sun.javafx.tk.quantum.PaintCollector.dirtyScenes")) {
            assertTrue(patterns.contains(p), p);
        }
        for (LibraryHold h : LibraryHolds.defaults().all()) {
            assertFalse(h.why().isBlank(), h.name());
            assertTrue(h.bugId().isEmpty() || h.bugId().matches("JDK-\\d+"), h.name());
        }
    }

    @Test
    void aBadLineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibraryHolds.parse(
            new StringReader("# comment\n\nok | field a.B.c | why |\nbad | field nodot | why |\n")));
        assertEquals("library holds line 4: pattern \"field nodot\" is not field <class>.<field>, static <class>.<field>"
            + " or thread <name prefix>", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LibraryHolds.parse(new StringReader("only | two\n")));
        assertThrows(IllegalArgumentException.class, () -> LibraryHolds.parse(new StringReader("x | thread T |  |\n")));
    }
}
