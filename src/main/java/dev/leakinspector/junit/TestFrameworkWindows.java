package dev.leakinspector.junit;

import dev.leakinspector.agent.BetweenFrames;
import dev.leakinspector.agent.DisplayCheck;
import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;

import java.lang.reflect.Method;

/**
 * The triggers' sink with the test framework's own reused window left out: TestFX registers one primary stage per
 * JVM, hides it after every test ({@code ApplicationExtension}'s clean-up) and shows it again in the next one, and
 * keeps it in {@code FxToolkit}'s context all along. That is reuse by design, not a leak of the code under test.
 * Everything else is passed on unchanged.
 *
 * <p>TestFX is found by reflection, so the extension needs no TestFX. Threading: as the sink it wraps; the primary
 * stage is asked for on each watch (on the FX thread) and never kept.
 */
final class TestFrameworkWindows implements WatchSink {
    private static final Method TOOLKIT_CONTEXT = testFxMethod("org.testfx.api.FxToolkit", "toolkitContext");
    private static final Method REGISTERED_STAGE = testFxMethod("org.testfx.api.FxToolkitContext", "getRegisteredStage");

    private final WatchSink sink;

    TestFrameworkWindows(WatchSink sink) {
        this.sink = sink;
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId, Verdict verdict) {
        return isTestFxPrimaryStage(object) ? NOT_WATCHED : sink.watch(object, trigger, viewStack, parentWatchId, verdict);
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId) {
        return isTestFxPrimaryStage(object) ? NOT_WATCHED : sink.watch(object, trigger, viewStack, parentWatchId);
    }

    @Override
    public void cancelTree(long rootWatchId) {
        sink.cancelTree(rootWatchId);
    }

    @Override
    public void displayedAgain(long rootWatchId) {
        sink.displayedAgain(rootWatchId);
    }

    @Override
    public void closedForGood(long watchId, String trigger) {
        sink.closedForGood(watchId, trigger);
    }

    @Override
    public void instanceDisplayed(String className, String trigger, ViewStack viewStack) {
        sink.instanceDisplayed(className, trigger, viewStack);
    }

    @Override
    public void addMomentaryHolders(MomentaryHolders holders) {
        sink.addMomentaryHolders(holders);
    }

    @Override
    public void removeMomentaryHolders(MomentaryHolders holders) {
        sink.removeMomentaryHolders(holders);
    }

    @Override
    public void addDisplayCheck(DisplayCheck check) {
        sink.addDisplayCheck(check);
    }

    @Override
    public void removeDisplayCheck(DisplayCheck check) {
        sink.removeDisplayCheck(check);
    }

    @Override
    public void addBetweenFrames(BetweenFrames uiThread) {
        sink.addBetweenFrames(uiThread);
    }

    @Override
    public void removeBetweenFrames(BetweenFrames uiThread) {
        sink.removeBetweenFrames(uiThread);
    }

    @Override
    public void reportError(String context, Throwable error) {
        sink.reportError(context, error);
    }

    private static boolean isTestFxPrimaryStage(Object object) {
        if (REGISTERED_STAGE == null || object == null || !object.getClass().getName().equals("javafx.stage.Stage")) {
            return false;
        }
        try {
            Object context = TOOLKIT_CONTEXT.invoke(null);
            return context != null && REGISTERED_STAGE.invoke(context) == object;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError otherTestFx) {
            return false;
        }
    }

    private static Method testFxMethod(String className, String name) {
        try {
            return Class.forName(className, false, TestFrameworkWindows.class.getClassLoader()).getMethod(name);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError noTestFx) {
            return null;
        }
    }
}
