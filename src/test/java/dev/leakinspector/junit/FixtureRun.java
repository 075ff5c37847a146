package dev.leakinspector.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * One run of a fixture test class through the JUnit Platform launcher, as a build tool runs it: the result of each
 * test method by its name, how long each took and the keys of the report entries it published.
 */
record FixtureRun(Map<String, TestExecutionResult> results, Map<String, Long> millis,
                  Map<String, List<String>> reportEntryKeys) {
    static FixtureRun of(String className, Map<String, String> parameters) {
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        Map<String, Long> millis = new ConcurrentHashMap<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, List<String>> entries = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier test) {
                started.put(test.getUniqueId(), System.nanoTime());
            }

            @Override
            public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                if (test.getSource().orElse(null) instanceof MethodSource method) {
                    entries.computeIfAbsent(method.getMethodName(), name -> new CopyOnWriteArrayList<>())
                            .addAll(entry.getKeyValuePairs().keySet());
                }
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.getSource().orElse(null) instanceof MethodSource method) {
                    results.put(method.getMethodName(), result);
                    millis.put(method.getMethodName(), (System.nanoTime() - started.get(test.getUniqueId())) / 1_000_000);
                }
            }
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(className))
                .configurationParameters(parameters)
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);
        return new FixtureRun(results, millis, entries);
    }

    /** The keys of the report entries a test published. */
    List<String> reportEntries(String method) {
        return reportEntryKeys.getOrDefault(method, List.of());
    }

    TestExecutionResult result(String method) {
        TestExecutionResult result = results.get(method);
        if (result == null) {
            throw new AssertionError("no result for " + method + " in " + results.keySet());
        }
        return result;
    }

    /** The failure message of a test that must have failed. */
    String failureOf(String method) {
        TestExecutionResult result = result(method);
        if (result.getStatus() != TestExecutionResult.Status.FAILED) {
            throw new AssertionError(method + " should have failed but was " + result);
        }
        return result.getThrowable().map(Throwable::getMessage).orElse("");
    }

    void assertPassed(String method) {
        TestExecutionResult result = result(method);
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            AssertionError error = new AssertionError(method + " should have passed but was " + result.getStatus());
            result.getThrowable().ifPresent(error::initCause);
            throw error;
        }
    }
}
