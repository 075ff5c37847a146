/**
 * A JUnit 5 extension that fails a UI test which leaks a window or a view, with the leak trace in the failure
 * message. It runs Leak Inspector's watcher and toolkit triggers inside the test JVM (no agent, no attach) and, when
 * something closed during a test is still alive after the grace period and a GC, analyses a heap dump of the test JVM
 * with the heap engine.
 *
 * <pre>{@code
 * @ExtendWith({LeakInspectorExtension.class, ApplicationExtension.class})   // TestFX; or alone for Swing tests
 * @LeakInspection(graceMillis = 500, failOn = FailOn.LEAK)                  // optional
 * class OrderDialogTest {
 *     @Test
 *     void closingTheDialogLetsItGo(FxRobot robot) { ... }
 * }
 * }</pre>
 *
 * <p>Public API: {@link dev.leakinspector.junit.LeakInspectorExtension}, {@link dev.leakinspector.junit.LeakInspection},
 * {@link dev.leakinspector.junit.FailOn}, {@link dev.leakinspector.junit.LeakInspectionSettings} (the property names).
 * Everything else is package-private. JUnit's API is {@code provided}: the project that uses the extension brings it.
 */
package dev.leakinspector.junit;
