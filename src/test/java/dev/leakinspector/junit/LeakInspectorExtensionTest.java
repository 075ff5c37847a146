package dev.leakinspector.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.leakinspector.junit.fixtures.OpenDialogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The extension in a real JUnit run: fixture test classes (in {@code fixtures}, not run by surefire itself) run
 * through the JUnit Platform launcher in this JVM, on real JavaFX windows under Monocle, with real heap dumps.
 */
class LeakInspectorExtensionTest {
    private static final String FIXTURES = "dev.leakinspector.junit.fixtures.";

    @AfterEach
    void letTheFixturesLeaksGo() {
        OpenDialogs.clear();
    }

    @Test
    void aDialogKeptByAStaticRegistryFailsItsTestWithTheLeakTrace() {
        FixtureRun run = FixtureRun.of(FIXTURES + "LeakyFxWindowFixture", Map.of());

        String message = run.failureOf("closesADialogThatARegistryKeeps");
        assertContains(message, "leak: javafx.stage.Stage — window hidden");
        assertContains(message, "Order 42");
        // The trace: from the static field down to the window.
        assertContains(message, "GC Root");
        assertContains(message, "dev.leakinspector.junit.fixtures.OpenDialogs class");
        assertContains(message, "REGISTERED");
        assertContains(message, "╰→ javafx.stage.Stage instance");
        assertTrue(!message.contains("MonocleWindowManager"), () -> "the harness's hold is not part of the trace:\n" + message);
        assertContains(message, "Heap dump deleted");
        // The next test closes its dialog cleanly: the first test's leak, still alive, is not its business.
        run.assertPassed("closesADialogCleanly");
    }

    @Test
    void cleanTestsPassAndWhatLeakedBeforeThemDoesNotCount() {
        FixtureRun run = FixtureRun.of(FIXTURES + "CleanFxFixture", Map.of());

        run.assertPassed("closesADialog");
        run.assertPassed("closesADialogLeavingItFocused");
        // Monocle's hold on the last focused window was let go before the watcher's GC: no heap dump was needed.
        assertEquals(List.of(), run.reportEntries("closesADialogLeavingItFocused"));
        run.assertPassed("removesAView");
        // Only retained (a view kept by a registry may be a cache): not a failure by default.
        run.assertPassed("removesAViewThatARegistryKeeps");
        assertEquals(List.of("leakinspector.retained"), run.reportEntries("removesAViewThatARegistryKeeps"));
    }

    @Test
    void retainedFailsWhenTheTestClassSaysSo() {
        FixtureRun run = FixtureRun.of(FIXTURES + "StrictRetainedFxFixture", Map.of());

        String message = run.failureOf("removesAViewThatARegistryKeeps");
        assertContains(message, "retained: javafx.scene.control.Label — node removed");
        assertContains(message, "REGISTERED");
    }

    @Test
    void aSystemPropertyOrParameterMakesRetainedFail() {
        FixtureRun run = FixtureRun.of(FIXTURES + "CleanFxFixture",
                Map.of(LeakInspectionSettings.FAIL_ON_PROPERTY, "retained"));

        assertContains(run.failureOf("removesAViewThatARegistryKeeps"), "retained: javafx.scene.control.Label");
        run.assertPassed("closesADialog");
    }

    @Test
    void aFailedTestKeepsItsDumpWhenAsked() throws Exception {
        FixtureRun run = FixtureRun.of(FIXTURES + "LeakyFxWindowFixture",
                Map.of(LeakInspectionSettings.KEEP_DUMP_PROPERTY, "true"));

        String message = run.failureOf("closesADialogThatARegistryKeeps");
        Matcher kept = Pattern.compile("Heap dump kept: (\\S+\\.hprof)").matcher(message);
        assertTrue(kept.find(), () -> "no kept dump named in:\n" + message);
        Path dump = Path.of(kept.group(1));
        try {
            assertTrue(Files.size(dump) > 0, "the kept dump is empty");
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(dump), "a dump holds everything in memory: the owner's only");
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dump.getParent());
        }
        run.assertPassed("closesADialogCleanly");
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }
}
