package dev.leakinspector.cli;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.demo.RuleWatchedSession;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every row of LEAK-PATTERNS.md through the packaged command line, as a user would check it: the
 * demo runs all its patterns (JavaFX on Monocle, Swing on Xvfb), {@code attach --json} with the
 * demo's watch rule prints exactly one report per leaking pattern, with the class and view stack
 * the table describes, a retraction for pattern 3, and nothing else.
 */
class AllPatternsCommandLineIT {
    /** What a leaking pattern's one report must say: its class and view stack (the window's crumb by prefix). */
    private record Expected(String className, String windowCrumbPrefix, List<String> restOfViewStack, String trigger) {
    }

    private static final Map<String, Expected> LEAKS = new LinkedHashMap<>();

    static {
        List<String> stageContent = List.of("Scene", "BorderPane");
        LEAKS.put("1", new Expected("javafx.stage.Stage", "Stage \"1 ", stageContent, "window hidden"));
        LEAKS.put("2", new Expected("javafx.stage.Stage", "Stage \"2 ", stageContent, "window hidden"));
        LEAKS.put("3", new Expected("javafx.stage.Stage", "Stage \"3 ", stageContent, "window hidden"));
        LEAKS.put("4", new Expected("javafx.stage.Stage", "Stage \"4 ", stageContent, "window hidden"));
        LEAKS.put("5", new Expected("javafx.stage.Stage", "Stage \"5 ", stageContent, "window hidden"));
        LEAKS.put("6", new Expected("dev.leakinspector.demo.SwappedPagePattern$OrdersPage", "Stage \"6 ",
                List.of("Scene", "BorderPane", "OrdersPage"), "node removed"));
        LEAKS.put("8", new Expected("javax.swing.JFrame", "JFrame \"8 ", null, null));
        LEAKS.put("9", new Expected(null, "JFrame \"9 ", null, null));
        LEAKS.put("10", new Expected("javafx.stage.Stage", "Stage \"10 ", stageContent, "window hidden"));
        LEAKS.put("11", new Expected("dev.leakinspector.demo.RuleWatchedSession", "RuleWatchedSession", List.of(),
                "rule " + RuleWatchedSession.RULE));
    }

    @Test
    void theCommandLinePrintsExactlyTheOutcomesOfTheTable() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: the Swing patterns need an X display (.ci/run installs it)");
        Path appJar = Path.of(System.getProperty("leakinspector.appJar", "target/leak-inspector.jar"));
        assumeTrue(Files.isRegularFile(appJar), "the app jar is built by ./mvnw package: " + appJar);

        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        try (XvfbTarget demo = XvfbTarget.start(xvfbRun, Jdks.current(), jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"),
                Duration.ofSeconds(60), "--script", "all");
             TargetProcess cli = TargetProcess.start(Jdks.current(), List.of(), List.of("-jar", appJar.toString()),
                     "attach", Long.toString(demo.pid()), "--json", "--duration", "35", "--rule", RuleWatchedSession.RULE)) {
            assertTrue(cli.process().waitFor(90, TimeUnit.SECONDS), "ends after its duration");
            assertEquals(0, cli.process().exitValue(), cli.describe());
            List<String> leaks = cli.stdoutLines().stream().filter(line -> line.startsWith("{\"type\":\"leak\"")).toList();
            String all = String.join("\n", cli.stdoutLines());

            for (Map.Entry<String, Expected> row : LEAKS.entrySet()) {
                Expected expected = row.getValue();
                List<String> reports = leaks.stream()
                        .filter(line -> viewStack(line).get(0).startsWith(expected.windowCrumbPrefix())).toList();
                assertEquals(1, reports.size(), "pattern " + row.getKey() + " is one report:\n" + all);
                String report = reports.get(0);
                if (expected.className() != null) {
                    assertEquals(expected.className(), field(report, "className"), "pattern " + row.getKey());
                }
                if (expected.restOfViewStack() != null) {
                    List<String> stack = viewStack(report);
                    assertEquals(expected.restOfViewStack(), stack.subList(1, stack.size()), "pattern " + row.getKey());
                }
                if (expected.trigger() != null) {
                    assertEquals(expected.trigger(), field(report, "trigger"), "pattern " + row.getKey());
                }
            }
            assertEquals(LEAKS.size(), leaks.size(), "no report for 1b, 2b, 4b, 5b, 6b, 7, 8b, nor anything else:\n" + all);
            String id3 = leaks.stream().filter(line -> viewStack(line).get(0).startsWith("Stage \"3 ")).map(line -> field(line, "id"))
                    .findFirst().orElseThrow();
            assertTrue(cli.stdoutLines().stream().anyMatch(line -> line.startsWith("{\"type\":\"deallocated\",\"id\":\"" + id3 + "\"")),
                    "pattern 3 is retracted:\n" + all);
            assertEquals(1, cli.stdoutLines().stream().filter(line -> line.startsWith("{\"type\":\"deallocated\"")).count(),
                    "only pattern 3 is retracted:\n" + all);
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return unescape(matcher.group(1));
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
