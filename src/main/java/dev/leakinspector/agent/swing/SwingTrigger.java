package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.BetweenFrames;
import dev.leakinspector.agent.Trigger;
import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;

import java.awt.AWTEvent;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.AWTEventListener;
import java.awt.event.ComponentEvent;
import java.awt.event.ContainerEvent;
import java.awt.event.HierarchyEvent;
import java.awt.event.HierarchyListener;
import java.awt.event.WindowEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.WeakHashMap;
import javax.swing.CellRendererPane;
import javax.swing.JLayeredPane;
import javax.swing.JList;
import javax.swing.JTable;
import javax.swing.JTree;

/**
 * Watches every disposed AWT/Swing {@link Frame} or {@link Dialog} with its component tree, every
 * such window hidden but not disposed, and every component removed from a showing hierarchy, through
 * one {@link Toolkit#addAWTEventListener AWT event listener} (no bytecode is changed). A window shown
 * again, or a component shown again, within the grace period has its watches dropped (reused, not
 * leaked); after its report it is retracted as reused.
 *
 * <p>Verdicts: a disposed window that survives is a {@link Verdict#LEAK}; a hidden window or a removed
 * component is only {@link Verdict#RETAINED} (programs keep dialogs and pages to show again), and a
 * leak once its kind accumulates, e.g. a new dialog of the same class and title shown while an old
 * hidden one is still retained ({@link WatchSink#instanceDisplayed}). A hidden window disposed later
 * becomes a leak ({@link WatchSink#closedForGood}).
 *
 * <p>Toolkit internals that keep a disposed window reachable and that no class-name ignore can
 * express (they hold the program's own window) are {@link SwingMomentaryHolders}, registered with
 * the sink while the trigger is installed: {@code KeyboardFocusManager}'s last focused window (until
 * another AWT window takes the focus), {@code BufferStrategyPaintManager}'s last painted window (until
 * the next Swing paint), the X11 PRIMARY selection's owner (a text component whose caret selected
 * text, until anything else selects); a survivor they hold is deferred, not reported. Ocean's soft
 * {@code sun.swing.CachedPainter} image cache is released there too (see that class).
 *
 * <p>Loaded by a {@code ToolkitClassLoader} only once the target has loaded {@code java.awt.Window}.
 * Threading: window events arrive on the event dispatch thread; container events arrive on whichever
 * thread adds or removes the component (the EDT in a correct program), with the AWT tree lock held,
 * which keeps the hierarchy we read consistent. The listener does bounded work and never throws.
 */
public final class SwingTrigger implements Trigger {
    static final String WINDOW_DISPOSED = "window disposed";
    static final String WINDOW_HIDDEN = "window hidden";
    static final String COMPONENT_REMOVED = "component removed";
    /** Bounds the work and the watches one disposed window or removed subtree can cause. */
    static final int MAX_COMPONENTS_PER_TREE = 100_000;
    /**
     * Component events for {@code COMPONENT_SHOWN}: AWT sends {@code WINDOW_OPENED} only the first
     * time a window opens, so a disposed window shown again announces itself only that way.
     */
    private static final long EVENT_MASK = AWTEvent.WINDOW_EVENT_MASK | AWTEvent.CONTAINER_EVENT_MASK
            | AWTEvent.COMPONENT_EVENT_MASK;

    private final WatchSink sink;
    private final AWTEventListener listener = this::eventDispatched;
    private final SwingMomentaryHolders holders = new SwingMomentaryHolders();
    private final SwingDisplayCheck displayCheck = new SwingDisplayCheck();
    /**
     * A runnable queued with {@code invokeLater} runs after the events queued before it, the paint in progress
     * among them: the watcher's GC then falls between two of the program's events (see {@link BetweenFrames}).
     */
    private final BetweenFrames betweenFrames = EventQueue::invokeLater;
    /**
     * Guards the two maps. Never held while calling into AWT: container events come with the tree
     * lock held, so taking the tree lock under this one could deadlock with a remover thread.
     */
    private final Object lock = new Object();
    /** Disposed windows still in (or past) their grace period, to their watch id; weak keys. */
    private final Map<Window, Long> disposedWindows = new WeakHashMap<>();
    /** Windows hidden but not disposed, to their watch id, until shown again or disposed; weak keys. */
    private final Map<Window, Long> hiddenWindows = new WeakHashMap<>();
    /** Removed components (tops of removed subtrees) to their watch id; weak keys. */
    private final Map<Component, ShownAgainListener> removedComponents = new WeakHashMap<>();
    private volatile Toolkit toolkit;
    private volatile boolean closed;

    public SwingTrigger(WatchSink sink) {
        this.sink = sink;
    }

    /**
     * Adds the listener once the program has a window. Asking for the toolkit earlier would start AWT
     * in a program that merely loaded one of its classes.
     *
     * @throws IllegalStateException while the program has no AWT window yet (the binder retries)
     */
    @Override
    public void install(Runnable onInstalled) {
        if (closed) {
            return;
        }
        if (Window.getWindows().length == 0) {
            throw new IllegalStateException("the program has no AWT window yet");
        }
        Toolkit awt = Toolkit.getDefaultToolkit();
        sink.addMomentaryHolders(holders);
        sink.addDisplayCheck(displayCheck);
        sink.addBetweenFrames(betweenFrames);
        awt.addAWTEventListener(listener, EVENT_MASK);
        toolkit = awt;
        if (closed) {
            // close() ran while we were adding: it may not have seen the toolkit yet.
            awt.removeAWTEventListener(listener);
            sink.removeMomentaryHolders(holders);
            sink.removeDisplayCheck(displayCheck);
            sink.removeBetweenFrames(betweenFrames);
        }
        onInstalled.run();
    }

    @Override
    public void close() {
        closed = true;
        sink.removeMomentaryHolders(holders);
        sink.removeDisplayCheck(displayCheck);
        sink.removeBetweenFrames(betweenFrames);
        Toolkit awt = toolkit;
        if (awt != null) {
            try {
                awt.removeAWTEventListener(listener);
            } catch (RuntimeException | LinkageError toolkitGone) {
                // The toolkit is shutting down with the program; our listener goes with it.
            }
        }
        Map<Component, ShownAgainListener> listening;
        synchronized (lock) {
            disposedWindows.clear();
            hiddenWindows.clear();
            listening = new java.util.HashMap<>(removedComponents);
            removedComponents.clear();
        }
        // Outside our lock: AWT takes its tree lock here.
        listening.forEach((component, shownAgain) -> component.removeHierarchyListener(shownAgain));
    }

    /** The listener; package-private so tests can hand it events without a display. */
    void eventDispatched(AWTEvent event) {
        if (closed) {
            return;
        }
        try {
            switch (event.getID()) {
                case WindowEvent.WINDOW_CLOSED -> windowDisposed(((WindowEvent) event).getWindow());
                case WindowEvent.WINDOW_OPENED -> reused(((WindowEvent) event).getWindow());
                case ComponentEvent.COMPONENT_SHOWN -> {
                    if (event.getSource() instanceof Window window) {
                        reused(window);
                    }
                }
                case ComponentEvent.COMPONENT_HIDDEN -> {
                    if (event.getSource() instanceof Window window) {
                        windowHidden(window);
                    }
                }
                case ContainerEvent.COMPONENT_REMOVED -> componentRemoved((ContainerEvent) event);
                default -> {
                    // Other window events (activation, focus, state) say nothing about lifetimes.
                }
            }
        } catch (Throwable error) {
            sink.reportError("Swing trigger", error);
        }
    }

    private void windowDisposed(Window window) {
        // Only frames and dialogs: other windows are Swing's own popups and tooltips, which
        // PopupFactory keeps for reuse, or the program's splash-like windows it keeps anyway.
        if (!(window instanceof Frame || window instanceof Dialog)) {
            return;
        }
        Long hiddenId;
        synchronized (lock) {
            if (disposedWindows.containsKey(window)) {
                return; // dispose() called again on a disposed window: it is watched already
            }
            hiddenId = hiddenWindows.remove(window);
            if (hiddenId != null) {
                disposedWindows.put(window, hiddenId);
            }
        }
        if (hiddenId != null) {
            // Watched since it was hidden: the same watch goes on, now as a closed window.
            sink.closedForGood(hiddenId, WINDOW_DISPOSED);
            return;
        }
        ViewStack windowStack = ViewStack.of(SwingCrumbs.window(window));
        long windowId = watchTree(window, windowStack, WINDOW_DISPOSED, Verdict.LEAK);
        if (windowId != WatchSink.NOT_WATCHED) {
            synchronized (lock) {
                disposedWindows.put(window, windowId);
            }
        }
    }

    /**
     * A frame or dialog hidden without being disposed (a dialog the program may show again, or may have
     * dropped without {@code dispose()}). A window being disposed is hidden first; by the time that event
     * arrives it is no longer displayable, and its {@code WINDOW_CLOSED} follows: watched there.
     */
    private void windowHidden(Window window) {
        if (!(window instanceof Frame || window instanceof Dialog) || !window.isDisplayable()) {
            return;
        }
        synchronized (lock) {
            if (hiddenWindows.containsKey(window) || disposedWindows.containsKey(window)) {
                return;
            }
        }
        long windowId = watchTree(window, ViewStack.of(SwingCrumbs.window(window)), WINDOW_HIDDEN, Verdict.RETAINED);
        if (windowId != WatchSink.NOT_WATCHED) {
            synchronized (lock) {
                hiddenWindows.put(window, windowId);
            }
        }
    }

    private void componentRemoved(ContainerEvent event) {
        Container parent = event.getContainer();
        Component child = event.getChild();
        if (child == null || !parent.isShowing() || isKeptForReuseBySwing(parent, child)) {
            return;
        }
        // The child has no parent any more: its stack is its old parent's plus itself.
        ViewStack stack = SwingCrumbs.of(parent).then(SwingCrumbs.component(child));
        long id = watchTree(child, stack, COMPONENT_REMOVED, Verdict.RETAINED);
        if (id != WatchSink.NOT_WATCHED) {
            ShownAgainListener shownAgain = new ShownAgainListener(id);
            ShownAgainListener previous;
            synchronized (lock) {
                previous = removedComponents.put(child, shownAgain);
            }
            if (previous != null) {
                child.removeHierarchyListener(previous);
            }
            child.addHierarchyListener(shownAgain);
        }
    }

    /**
     * A disposed or hidden window shown again was reused: its watches go (a report is retracted). Any
     * other frame or dialog shown is a new instance: if old ones of its class and title are retained
     * hidden, they accumulate.
     */
    private void reused(Window window) {
        Long watchId;
        synchronized (lock) {
            watchId = disposedWindows.remove(window);
            Long hiddenId = hiddenWindows.remove(window);
            watchId = watchId != null ? watchId : hiddenId;
        }
        if (watchId != null) {
            sink.displayedAgain(watchId);
        } else if (window instanceof Frame || window instanceof Dialog) {
            sink.instanceDisplayed(window.getClass().getName(), WINDOW_HIDDEN, ViewStack.of(SwingCrumbs.window(window)));
        }
    }

    /**
     * Ends a removed component's watch once it is showing again (a report is retracted as reused), however it got there (added
     * straight to a showing container, or into a panel that is added later). Being added to a
     * container that never shows (an off-screen cache) does not count. Holds only the watch id;
     * the component holds it, until it removes itself.
     */
    private final class ShownAgainListener implements HierarchyListener {
        private final long watchId;

        ShownAgainListener(long watchId) {
            this.watchId = watchId;
        }

        @Override
        public void hierarchyChanged(HierarchyEvent event) {
            try {
                if ((event.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0 && event.getComponent().isShowing()) {
                    sink.displayedAgain(watchId);
                    event.getComponent().removeHierarchyListener(this);
                    synchronized (lock) {
                        removedComponents.remove(event.getComponent());
                    }
                }
            } catch (Throwable error) {
                sink.reportError("Swing trigger", error);
            }
        }
    }

    /**
     * Removals that are Swing's own bookkeeping, not the program dropping a view: renderers
     * stamped through a {@link CellRendererPane} and removed after every paint, cell editors a
     * table, tree or list removes when editing stops and its cell editor keeps for the next edit,
     * and lightweight popups (tooltips, menus, combo lists) that PopupFactory takes out of the
     * layered pane's popup layer and caches.
     */
    static boolean isKeptForReuseBySwing(Container parent, Component child) {
        if (parent instanceof CellRendererPane || parent instanceof JTable || parent instanceof JTree
                || parent instanceof JList) {
            return true;
        }
        return parent instanceof JLayeredPane layers && layers.getLayer(child) == JLayeredPane.POPUP_LAYER;
    }

    /**
     * Watches a component and everything below it (iteratively; trees can be deep), each with its
     * parent's watch as ancestor so survivors are counted under the top, up to the bound.
     *
     * @return the top's watch id, or {@link WatchSink#NOT_WATCHED}
     */
    private long watchTree(Component top, ViewStack topStack, String trigger, Verdict verdict) {
        long topId = sink.watch(top, trigger, topStack, WatchSink.NOT_WATCHED, verdict);
        if (topId == WatchSink.NOT_WATCHED || !(top instanceof Container container)) {
            return topId;
        }
        Deque<Level> work = new ArrayDeque<>();
        work.push(new Level(container, topStack, topId));
        int watched = 1;
        while (!work.isEmpty() && watched < MAX_COMPONENTS_PER_TREE) {
            Level level = work.pop();
            for (Component child : level.container.getComponents()) {
                if (level.container instanceof JLayeredPane layers && layers.getLayer(child) == JLayeredPane.POPUP_LAYER) {
                    continue; // a popup showing at dispose time: PopupFactory caches it, not the window
                }
                ViewStack stack = SwingCrumbs.below(level.stack, child);
                long id = sink.watch(child, trigger, stack, level.watchId, verdict);
                if (id == WatchSink.NOT_WATCHED) {
                    continue; // ignored (or the limit is reached): its subtree is skipped too
                }
                watched++;
                if (child instanceof Container childContainer) {
                    work.push(new Level(childContainer, stack, id));
                }
            }
        }
        return topId;
    }

    /** A container still to walk, its stack and its watch id. */
    private record Level(Container container, ViewStack stack, long watchId) {
    }
}
