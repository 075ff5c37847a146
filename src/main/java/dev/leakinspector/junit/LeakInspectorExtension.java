package dev.leakinspector.junit;

import dev.leakinspector.heap.LibraryHold;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.protocol.LeakSuspected;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fails a test that leaks a window or a view: every JavaFX window hidden and node removed, every Swing window
 * disposed (or hidden) and component removed during the test is watched, in this JVM, by Leak Inspector's own
 * watcher and toolkit triggers; after the test (the grace period, then one GC) a test that keeps one alive fails,
 * with the leak trace of each object in its message, from a heap dump of this JVM analysed by Leak Inspector's heap
 * engine (then deleted).
 *
 * <pre>{@code
 * @ExtendWith({LeakInspectorExtension.class, ApplicationExtension.class})
 * class OrdersDialogTest { ... }
 * }</pre>
 *
 * <ul>
 *   <li>Only what the test closes or removes counts: each test gets a watcher of its own, started before its
 *       {@code @BeforeEach} methods and judged after its {@code @AfterEach} methods, so a window closed in
 *       {@code @AfterEach} counts and one closed in {@code @BeforeAll} or by another test does not. Name this
 *       extension before TestFX's {@code ApplicationExtension} so that its watch spans TestFX's setup and clean-up.</li>
 *   <li>Verdicts: a closed window that survives is a {@code leak} and fails the test; a hidden window or removed
 *       view that survives is only {@code retained} (a cache, perhaps), published as a report entry, and fails only
 *       with {@code failOn = RETAINED}; see {@link LeakInspection} and {@link LeakInspectionSettings} for the
 *       settings and their system properties.</li>
 *   <li>Only a test that passed is checked (a failed test often leaves its windows as they were).</li>
 *   <li>Cost: a passing test that closes nothing waits for nothing; one that closes a window waits out the rest of
 *       the grace period (default {@value LeakInspectionSettings#DEFAULT_GRACE_MILLIS} ms), the watcher's batching
 *       of due watches (at most 200 ms) and one GC: about +460 ms per such TestFX test with the default grace
 *       (measured). Only a test whose closed objects survive that GC pays for a heap dump and its analysis.</li>
 *   <li>An object kept only by a field of the test instance is not counted (JUnit drops the instance after the
 *       test), nor one kept only as Monocle's last focused window (headless JavaFX keeps it until another window
 *       takes the focus).</li>
 *   <li>Tests of one JVM must not run concurrently with it (the toolkits are shared: another test's windows would
 *       count).</li>
 *   <li>Watch rules ({@code @LeakInspection(rules = "com.acme.Session#close:this")} or the property
 *       {@value LeakInspectionSettings#RULES_PROPERTY}) are installed before the test's {@code @BeforeEach} methods
 *       and removed after its {@code @AfterEach} methods; what they watched and is still alive is a {@code leak}.
 *       They need the agent in the test JVM ({@code -javaagent:leak-inspector-agent.jar}, or
 *       {@code -Djdk.attach.allowAttachSelf=true} to let the extension load it; see {@link RuleAgent}); without
 *       it, a test with rules fails at its setup saying what to add. A rule that fits no method fails the test too.</li>
 * </ul>
 *
 * <p>Threading: JUnit calls it on the test's thread; it waits for the JavaFX and Swing threads only briefly and
 * never from them.
 */
public final class LeakInspectorExtension implements BeforeEachCallback, BeforeTestExecutionCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakInspectorExtension.class);
    private static final String WATCH = "watch";
    /** The report entry a test gets when its reports needed a heap dump that then found nothing to fail it for. */
    static final String DUMP_ENTRY = "leakinspector.heapDump";

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        LeakInspectionSettings settings = LeakInspectionSettings.resolve(context.getTestMethod().orElse(null),
                context.getRequiredTestClass(), context::getConfigurationParameter);
        if (!settings.rules().isEmpty()) {
            RuleAgent.ensureLoaded();
        }
        TestWatch watch = new TestWatch(settings);
        context.getStore(NAMESPACE).put(WATCH, watch);
        List<String> ruleProblems = watch.installRules();
        if (!ruleProblems.isEmpty()) {
            context.getStore(NAMESPACE).remove(WATCH);
            watch.close();
            throw new ExtensionConfigurationException("Leak Inspector: " + String.join("; ", ruleProblems));
        }
        watch.triggers().bindRunning();
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        TestWatch watch = context.getStore(NAMESPACE).get(WATCH, TestWatch.class);
        if (watch != null) {
            watch.triggers().bindBeforeTestMethod();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestWatch watch = context.getStore(NAMESPACE).remove(WATCH, TestWatch.class);
        if (watch == null) {
            return;
        }
        try (watch) {
            if (context.getExecutionException().isEmpty()) {
                check(watch, context);
            }
        }
    }

    /** Waits for the watcher's verdicts; fails the test with the traces when something it must not keep is alive. */
    private static void check(TestWatch watch, ExtensionContext context) throws InterruptedException {
        watch.triggers().drain();
        boolean complete = watch.awaitChecks();
        FailOn failOn = watch.settings().failOn();
        List<LeakSuspected> failing = new ArrayList<>();
        for (LeakSuspected report : watch.reports().standing()) {
            if (failOn.fails(report.verdict())) {
                failing.add(report);
            } else {
                context.publishReportEntry("leakinspector.retained", report.className() + " — " + report.trigger()
                        + (report.viewStack().isEmpty() ? "" : " (" + String.join(" › ", report.viewStack()) + ")"));
            }
        }
        List<String> problems = new ArrayList<>(watch.reports().errors());
        if (!complete) {
            problems.add("the watcher did not finish its checks in time; later reports are missing");
        }
        if (failing.isEmpty()) {
            // A rule that fits no method watches nothing: every test would pass, so say it instead.
            List<String> ruleProblems = problems.stream().filter(problem -> problem.startsWith("watch rule")).toList();
            if (!ruleProblems.isEmpty()) {
                throw new AssertionFailedError("Leak Inspector: the test's watch rules did not work: "
                        + String.join("; ", ruleProblems));
            }
            return;
        }
        LeakDumpAnalysis.Result result;
        try {
            result = LeakDumpAnalysis.analyse(failing.stream().map(LeakSuspected::watchId).toList(),
                    testClassNames(context.getRequiredTestClass()), watch.settings().keepDumpOnFailure());
        } catch (IOException e) {
            throw new AssertionFailedError("Leak Inspector: " + failing.size() + " watched objects are still alive ("
                    + failing.stream().map(LeakSuspected::className).collect(Collectors.joining(", "))
                    + "), but no leak trace could be made: " + e.getMessage(), e);
        }
        Map<Long, ObjectAnalysis> analyses = result.byWatchId();
        // The dump's own collection may have freed some, and some are kept only by the test harness.
        int reported = failing.size();
        failing.removeIf(report -> !analyses.containsKey(report.watchId()));
        if (failing.size() < reported) {
            // Tells why this passing test took longer: it paid for a heap dump.
            context.publishReportEntry(DUMP_ENTRY, (reported - failing.size()) + " of " + reported
                    + " reported objects were collected by the heap dump's GC or kept only by the test harness ("
                    + result.dumpBytes() / 1024 + " KiB dump)");
        }
        // A documented JDK/toolkit hold keeps it, not the code under test: said, never failed for.
        List<LeakSuspected> heldByToolkit = failing.stream()
                .filter(report -> analyses.get(report.watchId()).libraryHold().isPresent()).toList();
        for (LeakSuspected report : heldByToolkit) {
            LibraryHold hold = analyses.get(report.watchId()).libraryHold().get();
            context.publishReportEntry("leakinspector.toolkitHold", report.className() + " — kept by "
                    + hold.name() + ": " + hold.why());
        }
        failing.removeAll(heldByToolkit);
        if (!failing.isEmpty()) {
            throw new AssertionFailedError(LeakFailureText.format(failing, analyses, failOn, result.keptDump(), problems));
        }
    }

    /** The test class and the classes it is nested in: their instances are the test's own holders. */
    private static Set<String> testClassNames(Class<?> testClass) {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            names.add(type.getName());
        }
        return names;
    }
}
