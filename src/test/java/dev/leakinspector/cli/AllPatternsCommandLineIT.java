package dev.leakinspector.cli;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.demo.DemoPatterns;
import dev.leakinspector.demo.ExpectedOutcome;
import dev.leakinspector.demo.RuleWatchedSession;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PatternOutcomes;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every row of LEAK-PATTERNS.md through the packaged command line, as a user would check it: the
 * demo runs all its patterns (JavaFX on Monocle, Swing on Xvfb), {@code attach --json} with the
 * demo's watch rule prints, for each pattern, exactly the reports its row gives (class, view stack,
 * trigger, {@code "verdict"}), the {@code verdict} escalations, {@code reused} and {@code deallocated}
 * retractions that must follow them, and nothing else.
 */
class AllPatternsCommandLineIT {
    /** A row: its outcome, which reports are its, and what each must say (null: not checked here). */
    private record Expected(ExpectedOutcome outcome, Predicate<List<String>> isItsViewStack, String className,
                            List<String> restOfViewStack, String trigger) {
        static Expected window(String id, ExpectedOutcome outcome, String className, List<String> rest, String trigger) {
            return new Expected(outcome, stack -> stack.get(0).matches("(Stage|JFrame|JDialog) \"" + Pattern.quote(id) + " .*"),
                    className, rest, trigger);
        }

        static Expected none(String id) {
            return window(id, ExpectedOutcome.NONE, null, null, null);
        }
    }

    private static final Map<String, Expected> ROWS = new LinkedHashMap<>();

    static {
        List<String> stageContent = List.of("Scene", "BorderPane");
        String stage = "javafx.stage.Stage";
        String demo = "dev.leakinspector.demo.";
        ROWS.put("1", Expected.window("1", ExpectedOutcome.LEAK, stage, stageContent, "window hidden"));
        ROWS.put("1b", Expected.none("1b"));
        ROWS.put("2", Expected.window("2", ExpectedOutcome.LEAK, stage, stageContent, "window hidden"));
        ROWS.put("2b", Expected.none("2b"));
        ROWS.put("3", Expected.window("3", ExpectedOutcome.LEAK_THEN_DEALLOCATED, stage, stageContent, "window hidden"));
        ROWS.put("4", Expected.window("4", ExpectedOutcome.LEAK, stage, stageContent, "window hidden"));
        ROWS.put("4b", Expected.none("4b"));
        ROWS.put("5", Expected.window("5", ExpectedOutcome.LEAK, stage, stageContent, "window hidden"));
        ROWS.put("5b", Expected.none("5b"));
        ROWS.put("6", Expected.window("6", ExpectedOutcome.RETAINED_THEN_LEAK_X2, demo + "SwappedPagePattern$OrdersPage",
                List.of("Scene", "BorderPane", "OrdersPage"), "node removed"));
        ROWS.put("6c", Expected.window("6c", ExpectedOutcome.RETAINED_THEN_REUSED, demo + "ReusingPageCachePattern$ProductsPage",
                List.of("Scene", "BorderPane", "ProductsPage"), "node removed"));
        ROWS.put("6b", Expected.none("6b"));
        ROWS.put("7", Expected.none("7"));
        ROWS.put("8", Expected.window("8", ExpectedOutcome.LEAK, "javax.swing.JFrame", List.of(), "window disposed"));
        ROWS.put("8b", Expected.none("8b"));
        ROWS.put("9", Expected.window("9", ExpectedOutcome.RETAINED_THEN_LEAK_X2, demo + "OrdersForm$OrdersPage",
                List.of("JRootPane", "JPanel", "JPanel#form", "OrdersPage#orders"), "component removed"));
        ROWS.put("10", Expected.window("10", ExpectedOutcome.LEAK, stage, stageContent, "window hidden"));
        ROWS.put("11", new Expected(ExpectedOutcome.LEAK, stack -> stack.get(0).equals("RuleWatchedSession"),
                demo + "RuleWatchedSession", List.of(), "rule " + RuleWatchedSession.RULE));
        ROWS.put("12", Expected.window("12", ExpectedOutcome.RETAINED_THEN_DEALLOCATED, demo + "MovedChildrenPattern$ContactForm",
                List.of("Scene", "BorderPane", "ContactForm"), "node removed"));
        ROWS.put("13", Expected.window("13", ExpectedOutcome.RETAINED_THEN_LEAK_X3, "javax.swing.JDialog", List.of(), null));
        ROWS.put("13b", Expected.window("13b", ExpectedOutcome.RETAINED_THEN_REUSED, "javax.swing.JDialog", List.of(), null));
        ROWS.put("14", Expected.window("14", ExpectedOutcome.LEAK, stage, stageContent, "window hidden"));
        // Reported or not: the marking as a JDK/toolkit hold is in the explanation (--explain), checked by SwingLeakPatternsIT.
        ROWS.put("15", Expected.window("15", ExpectedOutcome.NONE_OR_JDK_HOLD, "javax.swing.JFrame", List.of(), null));
        ROWS.put("16", Expected.window("16", ExpectedOutcome.TWO_REPORTS_TOLD_APART, "javafx.scene.layout.VBox", null, "node removed"));
        ROWS.put("17", Expected.window("17", ExpectedOutcome.RETAINED_THEN_LEAK_X3, demo + "MasterDetailPattern$DetailPane", null,
                "node removed"));
    }

    /** The whole script runs ~90 s (several rows wait for a report between their steps; 14 holds the UI thread 8 s). */
    private static final Duration SCRIPT = Duration.ofSeconds(150);
    /** After the script: every watch checked, and the retractions and escalations the rows call for. */
    private static final Duration FOLLOW_UP = Duration.ofSeconds(40);
    /** Only a bound: the session ends when the demo exits, once every row's outcome is in. */
    private static final int ATTACH_SECONDS = 240;

    @Test
    void theCommandLinePrintsExactlyTheOutcomesOfTheTable() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: the Swing patterns need an X display (.ci/run installs it)");
        Path appJar = Path.of(System.getProperty("leakinspector.appJar", "target/leak-inspector.jar"));
        assumeTrue(Files.isRegularFile(appJar), "the app jar is built by ./mvnw package: " + appJar);
        assertEquals(DemoPatterns.all().size(), ROWS.size(), "every pattern of the demo has a row here");

        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        try (XvfbTarget demo = XvfbTarget.start(xvfbRun, Jdks.current(), jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"),
                Duration.ofSeconds(60), "--script", "all");
             TargetProcess cli = TargetProcess.start(Jdks.current(), List.of(), List.of("-jar", appJar.toString()),
                     "attach", Long.toString(demo.pid()), "--json", "--stats", "--duration", Integer.toString(ATTACH_SECONDS),
                     "--rule", RuleWatchedSession.RULE)) {
            long doneAt = DemoLines.lastNumber(demo.output().awaitLineStartingWith("DEMO script done", SCRIPT));
            awaitEveryOutcome(cli, doneAt);
            demo.close();
            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends when the program it watches exits");
            assertEquals(0, cli.process().exitValue(), cli.describe());
            assertTrue(cli.stdoutLines().stream().anyMatch(line -> line.startsWith("{\"type\":\"end\",\"reason\":\"target-exited\"")),
                    "it listened until the demo exited:\n" + cli.describe());
            String all = String.join("\n", cli.stdoutLines());
            RecordingListener events = eventsOf(cli.stdoutLines());

            // Every row is checked, and every failing row named, not only the first.
            Map<Long, ExpectedOutcome> outcomeByWatchId = new ConcurrentHashMap<>();
            List<Executable> rows = new ArrayList<>();
            for (Map.Entry<String, Expected> row : ROWS.entrySet()) {
                rows.add(() -> checkRow(events, row.getKey(), row.getValue(), outcomeByWatchId));
            }
            rows.add(() -> assertEquals(List.of(), cli.stdoutLines().stream()
                    .filter(line -> line.startsWith("{\"type\":\"leak\"") && optionalField(line, "verdict") == null).toList(),
                    "every leak line carries its \"verdict\""));
            assertAll("the rows of LEAK-PATTERNS.md, through the command line", rows);
            int expectedReports = ROWS.values().stream().mapToInt(row -> row.outcome().reports()).sum();
            Expected jdkHold = ROWS.get("15");
            List<LeakSuspected> counted = events.leaks().stream().filter(leak -> !jdkHold.isItsViewStack().test(leak.viewStack())).toList();
            assertEquals(expectedReports, counted.size(), "no report for a NONE row, nor anything else:\n" + all);
            PatternOutcomes.assertNothingElseChanged(events, outcomeByWatchId);
        }
    }

    /**
     * Waits until the command line has checked every watch the script started (a stats line stamped after the
     * script's end with nothing pending) and printed every row's reports, escalations and retractions; the output
     * is read again at each stats line (one a second). Returns after {@link #FOLLOW_UP} in any case: the row
     * checks then name what is missing.
     */
    private static void awaitEveryOutcome(TargetProcess cli, long scriptDoneAt) throws InterruptedException {
        try {
            cli.awaitLine(line -> line.startsWith("{\"type\":\"stats\"") && number(line, "time") > scriptDoneAt
                    && number(line, "pendingWatches") == 0 && everyRowIsComplete(eventsOf(cli.stdoutLines())), FOLLOW_UP);
        } catch (AssertionError notYet) {
            // The checks that follow say which row lacks what.
        }
    }

    private static boolean everyRowIsComplete(RecordingListener events) {
        try {
            for (Map.Entry<String, Expected> row : ROWS.entrySet()) {
                checkRow(events, row.getKey(), row.getValue(), new ConcurrentHashMap<>());
            }
            return true;
        } catch (AssertionError incomplete) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void checkRow(RecordingListener events, String id, Expected expected, Map<Long, ExpectedOutcome> outcomeByWatchId)
            throws InterruptedException {
        List<LeakSuspected> reports = events.leaks().stream().filter(leak -> expected.isItsViewStack().test(leak.viewStack())).toList();
        for (LeakSuspected report : reports) {
            outcomeByWatchId.put(report.watchId(), expected.outcome());
        }
        PatternOutcomes.check(events, id, expected.outcome(), reports, Duration.ZERO);
        for (LeakSuspected report : reports) {
            if (expected.className() != null) {
                assertEquals(expected.className(), report.className(), "pattern " + id);
            }
            if (expected.restOfViewStack() != null) {
                assertEquals(expected.restOfViewStack(), report.viewStack().subList(1, report.viewStack().size()), "pattern " + id);
            }
            if (expected.trigger() != null) {
                assertEquals(expected.trigger(), report.trigger(), "pattern " + id);
            }
        }
    }

    /**
     * The JSON lines as the protocol messages they stand for, so the table's outcomes are checked the
     * same way as over a live session.
     */
    private static RecordingListener eventsOf(List<String> lines) {
        RecordingListener events = new RecordingListener();
        for (String line : lines) {
            Message message = null;
            if (line.startsWith("{\"type\":\"leak\"")) {
                // Missing, it is checked (and named) with the rows; read as the protocol's default meanwhile.
                String verdict = Objects.requireNonNullElse(optionalField(line, "verdict"), Verdict.LEAK.wireName());
                message = new LeakSuspected(Long.parseLong(field(line, "id")), field(line, "className"), field(line, "trigger"),
                        viewStack(line), (int) number(line, "descendants"), number(line, "watchedAt"), number(line, "reportedAt"),
                        line.contains("\"gcConfirmed\":true"), Verdict.ofWireName(verdict), optionalField(line, "gcSkippedBecause"));
            } else if (line.startsWith("{\"type\":\"deallocated\"")) {
                message = new ObjectDeallocated(Long.parseLong(field(line, "id")), number(line, "afterMillis"));
            } else if (line.startsWith("{\"type\":\"reused\"")) {
                message = new ObjectReused(Long.parseLong(field(line, "id")), number(line, "afterMillis"));
            } else if (line.startsWith("{\"type\":\"verdict\"")) {
                message = new VerdictChanged(Long.parseLong(field(line, "id")), Verdict.ofWireName(field(line, "verdict")),
                        field(line, "reason"));
            }
            if (message != null) {
                events.onMessage(message);
            }
        }
        // Everything is in: waiting for more ends at once, with what was received.
        events.onEnded(new SessionEnd(SessionEnd.Kind.DETACHED, "the command line ended"));
        return events;
    }

    private static String field(String json, String name) {
        String value = optionalField(json, name);
        assertTrue(value != null, name + " in " + json);
        return value;
    }

    private static String optionalField(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        return matcher.find() ? unescape(matcher.group(1)) : null;
    }

    private static long number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return Long.parseLong(matcher.group(1));
    }

    private static List<String> viewStack(String json) {
        Matcher array = Pattern.compile("\"viewStack\":\\[((?:\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\]").matcher(json);
        assertTrue(array.find(), "viewStack in " + json);
        List<String> crumbs = new ArrayList<>();
        Matcher crumb = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(array.group(1));
        while (crumb.find()) {
            crumbs.add(unescape(crumb.group(1)));
        }
        return crumbs;
    }

    private static String unescape(String json) {
        return json.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
