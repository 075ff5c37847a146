package dev.leakinspector.cli;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code analyze <dump> --ui-leaks} on real dumps, with no other hint: of the demo after it acted out LEAK rows and
 * NONE rows of LEAK-PATTERNS.md (every LEAK row found, every NONE row absent, the toolkit-hold row marked and not
 * counted), and of a JavaFX and a Swing program that used popups, tooltips, menus and dialogs and leaked nothing
 * (nothing found, exit 0). Dumps are made with {@code jcmd GC.heap_dump}, as a user would, of targets on this JDK
 * and, when installed, JDK 25.
 */
class UiLeaksIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** LEAK rows and what their finding is: a window by its title's pattern id, or a detached page by its class. */
    private static final Map<String, String> LEAK_ROWS = Map.ofEntries(
            Map.entry("1", "title"), Map.entry("2", "title"), Map.entry("4", "title"), Map.entry("5", "title"),
            Map.entry("8", "title"), Map.entry("10", "title"), Map.entry("14", "title"),
            // hidden dialogs never disposed, which only AWT's window list keeps
            Map.entry("13", "title"),
            Map.entry("6", "dev.leakinspector.demo.SwappedPagePattern$OrdersPage"),
            Map.entry("9", "dev.leakinspector.demo.OrdersForm$OrdersPage"),
            Map.entry("17", "dev.leakinspector.demo.MasterDetailPattern$DetailPane"));
    /** NONE rows, and 13b, whose one dialog is reused (kept in a field) and disposed with its frame. */
    private static final List<String> NONE_ROWS = List.of("1b", "2b", "4b", "5b", "6b", "7", "8b", "13b");
    /** NONE_OR_JDK_HOLD: the window only a toolkit internal keeps. */
    private static final String TOOLKIT_HOLD_ROW = "15";

    @Test
    void theDemosLeakRowsAreFoundAndItsNoneRowsAreNot(@TempDir Path dir) throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: the Swing patterns need an X display (.ci/run installs it)");
        for (Path java : targetJdks()) {
            theDemosLeakRowsAreFoundAndItsNoneRowsAreNot(xvfbRun, java, Files.createTempDirectory(dir, "jdk"));
        }
    }

    private static void theDemosLeakRowsAreFoundAndItsNoneRowsAreNot(Path xvfbRun, Path java, Path dir) throws Exception {
        List<String> rows = new ArrayList<>(LEAK_ROWS.keySet());
        rows.addAll(NONE_ROWS);
        rows.add(TOOLKIT_HOLD_ROW);
        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        Path dump = dir.resolve("demo.hprof");
        try (XvfbTarget demo = XvfbTarget.start(xvfbRun, java, jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"), TIMEOUT,
                "--script", String.join(",", rows))) {
            // the script starts once an agent is attached; the dump is read with no hint from it
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), new RecordingListener());
            try {
                demo.output().awaitLineStartingWith("DEMO script done", TIMEOUT);
            } finally {
                session.detach("test finished");
            }
            heapDump(java, demo.pid(), dump);
        }

        Run json = analyze(dump, "--json");
        assertEquals(AnalyzeCommand.EXIT_UI_LEAKS_FOUND, json.exitCode, java + ": " + json.err);
        List<String> leakTitles = values(json.out, "leaks", "title");
        List<String> leakClasses = values(json.out, "leaks", "className");
        for (Map.Entry<String, String> row : LEAK_ROWS.entrySet()) {
            boolean found = row.getValue().equals("title")
                    ? leakTitles.stream().anyMatch(t -> t.startsWith(row.getKey() + " "))
                    : leakClasses.contains(row.getValue());
            assertTrue(found, java + ": LEAK row " + row.getKey() + " is found: " + json.out);
        }
        List<String> allTitles = new ArrayList<>(leakTitles);
        allTitles.addAll(values(json.out, "toolkitHolds", "title"));
        for (String none : NONE_ROWS) {
            assertFalse(allTitles.stream().anyMatch(t -> t.startsWith(none + " ")), java + ": NONE row " + none + " is absent: " + json.out);
        }
        assertFalse(leakTitles.stream().anyMatch(t -> t.startsWith(TOOLKIT_HOLD_ROW + " ")),
                "the toolkit-hold row is not counted as a leak: " + json.out);
        // every finding has its first path's suspects and verdict, as analyze explains an object
        assertTrue(json.out.contains("\"suspect\":true"), json.out);
        assertFalse(json.out.contains("\"leaks\":[]"), json.out);

        Run text = analyze(dump);
        assertEquals(AnalyzeCommand.EXIT_UI_LEAKS_FOUND, text.exitCode, text.err);
        assertTrue(text.out.startsWith("UI leaks: "), text.out);
        assertTrue(text.out.contains("Rule: A UI object is reported when"), text.out);
        assertTrue(text.out.contains("Stage \"1 Listener on a long-lived model\""), text.out);
        assertTrue(text.out.contains("Path verdict: leak — retained through a listener list (AppModel.status)"), text.out);
        assertFalse(text.out.contains("8b Swing frame disposed cleanly"), "what nothing strong keeps is not listed: " + text.out);
    }

    @Test
    void aJavaFxProgramThatUsedPopupsMenusAndTabsLeaksNothing(@TempDir Path dir) throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx256m");
        for (Path java : targetJdks()) {
            Path dump = Files.createTempDirectory(dir, "jdk").resolve("fx.hprof");
            try (TargetProcess target = TargetProcess.start(java, jvmArgs, "dev.leakinspector.testing.FxTarget")) {
                target.awaitLineStartingWith("READY", TIMEOUT);
                target.send("exercise-controls");
                target.awaitLineStartingWith("EXERCISED", TIMEOUT);
                heapDump(java, target.pid(), dump);
            }
            assertNothingFound(dump);
        }
    }

    @Test
    void aSwingProgramThatUsedPopupsTooltipsMenusAndDialogsLeaksNothing(@TempDir Path dir) throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: a showing Swing window needs an X display");
        for (Path java : targetJdks()) {
            Path dump = Files.createTempDirectory(dir, "jdk").resolve("swing.hprof");
            try (XvfbTarget target = XvfbTarget.start(xvfbRun, java, List.of("-Xmx128m"),
                    List.of("-cp", System.getProperty("java.class.path"), QuietSwingTarget.class.getName()), TIMEOUT)) {
                target.output().awaitLineStartingWith("QUIET", TIMEOUT);
                heapDump(java, target.pid(), dump);
            }
            assertNothingFound(dump);
        }
    }

    private static void assertNothingFound(Path dump) {
        Run json = analyze(dump, "--json");
        assertEquals(0, json.exitCode, json.out + json.err);
        assertTrue(json.out.contains("\"leakCount\":0,\"leaks\":[]"), json.out);
        Run text = analyze(dump);
        assertEquals(0, text.exitCode, text.err);
        assertTrue(text.out.startsWith("No UI leaks found."), text.out);
    }

    /** The JDK this test runs on and, when installed, JDK 25: dumps of both must read the same. */
    private static List<Path> targetJdks() {
        List<Path> out = new ArrayList<>(List.of(Jdks.current()));
        Jdks.find(25).filter(p -> !p.equals(Jdks.current())).ifPresent(out::add);
        return out;
    }

    /**
     * {@code jcmd <pid> GC.heap_dump <file>} with the target JDK's jcmd (live objects only, as by default): returns when
     * the file is complete.
     */
    private static void heapDump(Path java, long pid, Path file) throws Exception {
        Path jcmd = java.resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_dump", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd finished");
        assertEquals(0, p.exitValue(), output);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run analyze(Path dump, String... extra) {
        List<String> args = new ArrayList<>(List.of("analyze", dump.toString(), "--ui-leaks"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyzeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * The values of {@code key} in the objects of the top-level list {@code list} of the JSON report: the groups'
     * className, or their objects' title. A small reader for this report's shape: the list ends at the next
     * top-level key.
     */
    private static List<String> values(String json, String list, String key) {
        int start = json.indexOf("\"" + list + "\":[");
        int end = json.indexOf("],\"" + nextKey(list) + "\":", start);
        String part = json.substring(start, end);
        List<String> out = new ArrayList<>();
        // explanations hold className too: take only a group's own (right after "kind"/"label") or objects' titles
        Pattern p = key.equals("title")
                ? Pattern.compile("\\{\"objectId\":\"0x[0-9a-f]+\",\"title\":\"((?:[^\"\\\\]|\\\\.)*)\"")
                : Pattern.compile("\"label\":\"[^\"]*\",\"className\":\"([^\"]*)\"");
        Matcher m = p.matcher(part);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String nextKey(String list) {
        return list.equals("leaks") ? "toolkitHolds" : "notReported";
    }
}
