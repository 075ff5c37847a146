package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.DisplayCheck;
import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.WatchedReference;

import java.awt.Component;
import java.awt.EventQueue;
import java.util.List;
import java.util.Set;

/**
 * Which watched AWT/Swing objects are displayed now: a showing component or window
 * ({@link Component#isShowing()}: visible, with a peer, inside a showing parent). Read on the event
 * dispatch thread, waited for at most {@link SwingMomentaryHolders#EDT_WAIT_MILLIS}; a late answer is
 * "none displayed" (see {@link DisplayCheck}). Constant work per object.
 */
final class SwingDisplayCheck implements DisplayCheck {
    @Override
    public Set<Long> displayedNow(List<WatchedReference> watches) {
        return MomentaryHolders.askUiThread(EventQueue::invokeLater,
                () -> DisplayCheck.displayedAmong(watches, SwingDisplayCheck::isDisplayed),
                SwingMomentaryHolders.EDT_WAIT_MILLIS, Set.of());
    }

    /** EDT. */
    static boolean isDisplayed(Object object) {
        return object instanceof Component component && component.isShowing();
    }
}
