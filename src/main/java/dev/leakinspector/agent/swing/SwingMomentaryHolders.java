package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.WatchedReference;

import java.awt.Component;
import java.awt.EventQueue;
import java.awt.KeyboardFocusManager;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.RepaintManager;
import javax.swing.text.DefaultCaret;

/**
 * AWT/Swing internals that keep the program's last focused, painted or selecting component after
 * its window is disposed, found with heap dumps of a program that disposed a frame and kept nothing
 * (JDK 17 and 25, X11). Each is one {@link Holder} below: where it is, why it holds, and until when.
 * A survivor is held for a moment when a held component is it or lies inside it, and is no longer
 * displayable (its window disposed, or it was removed): a window only hidden keeps its peer, so the
 * toolkit keeps it anyway, and its report is not deferred. The watcher cannot
 * tell whether the program keeps a held window too, so a leaked window is reported once the holder
 * lets go: in a program in use that is the next focus change or paint; an idle program with no
 * other window to focus or paint keeps it deferred.
 *
 * <p>One more toolkit cache is handled differently: Metal's default Ocean theme paints gradients
 * through {@code sun.swing.CachedPainter}, whose static image cache keeps, under soft references,
 * each image together with the last component it was painted for (heap dump path: static
 * {@code CachedPainter.cacheMap} → {@code ImageCache.entries} → {@code SoftReference} → {@code
 * ImageCache$Entry.image} → {@code PainterMultiResolutionCachedImage.c} → a button of the disposed
 * frame). That is not a strong hold, so not a leak, but it survives the watcher's GC and lasts until
 * memory runs low or a gradient of the same size is painted for another component, however long
 * that is: deferring would hide a real leak of every Ocean frame. Instead, {@link #releaseSoftCaches}
 * flushes an image cache that keeps a due object, just before the watcher's GC (the cache
 * re-renders its few images on the next paint, as after a theme change): the GC then collects a
 * frame the cache was all that kept, and the watcher reports one the program keeps.
 *
 * <p>Fields are read by reflection; the agent opens their packages to our loader only (see the
 * binder's SWING entry). A field that is missing or not open in some JDK is skipped: that holder
 * then simply finds nothing, which means report.
 *
 * <p>Threading: {@link #heldForAMoment} and {@link #releaseSoftCaches} are called on the watcher
 * thread; the toolkit is read (and the image cache flushed) on the event dispatch thread, waited for
 * at most {@link #EDT_WAIT_MILLIS}; on timeout nothing is held and nothing flushed, so the survivor
 * is reported. Never throws; never hands out or keeps a watched object.
 */
final class SwingMomentaryHolders implements MomentaryHolders {
    static final long EDT_WAIT_MILLIS = 500;

    /** One internal that holds components for a moment: what it is, why, and until when. */
    private record Holder(String where, String why, String until, Reader reader) {
    }

    /** Adds the components a holder keeps right now; runs on the EDT and may throw (the caller contains it). */
    @FunctionalInterface
    private interface Reader {
        void read(Collection<Component> held) throws ReflectiveOperationException;
    }

    private static final List<Holder> HOLDERS = List.of(
            new Holder("java.awt.KeyboardFocusManager: static focusedWindow, activeWindow, focusOwner, "
                    + "permanentFocusOwner; and its peer's current focused window and focus owner "
                    + "(sun.awt.X11.XKeyboardFocusManagerPeer.currentFocusedWindow on X11)",
                    "AWT clears them on the X focus-out of the window; when dispose() destroys the peer "
                            + "before the toolkit thread reads that focus-out (a race a busy machine often "
                            + "loses), the event names no window any more and is dropped",
                    "another window of the program takes the focus",
                    SwingMomentaryHolders::readFocus),
            new Holder("javax.swing.RepaintManager.paintManager (a BufferStrategyPaintManager): fields "
                    + "rootJ and bufferStrategy, whose enclosing component is the window",
                    "the paint manager keeps the root and buffer strategy of the last window it painted "
                            + "so the next paint of the same window needs no lookup",
                    "the next Swing paint of another window",
                    SwingMomentaryHolders::readPaintManager),
            new Holder("Toolkit.getSystemSelection() (sun.awt.X11.XClipboard in XToolkit.selection): "
                    + "java.awt.datatransfer.Clipboard.owner, a javax.swing.text.DefaultCaret$Handler",
                    "a text component's caret that selected text owns the X11 PRIMARY selection, to "
                            + "be told when it loses it; the owner keeps the caret and its component",
                    "anything else (this program or another) selects text",
                    SwingMomentaryHolders::readSelectionOwner));

    @Override
    public Set<Long> heldForAMoment(List<WatchedReference> survivors) {
        return MomentaryHolders.askUiThread(EventQueue::invokeLater, () -> findHeld(survivors), EDT_WAIT_MILLIS,
                Set.of());
    }

    /** EDT only. */
    private static Set<Long> findHeld(List<WatchedReference> survivors) {
        Set<Component> held = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Holder holder : HOLDERS) {
            try {
                holder.reader().read(held);
            } catch (ReflectiveOperationException | RuntimeException otherJdkOrNotOpen) {
                // This holder cannot be read here: it holds nothing we know of.
            }
        }
        // A displayable component (one in a window hidden but not disposed) is kept by its window's native
        // peer, in the toolkit's window table, until dispose(), whatever these holders do: their hold is not
        // why it survives, and letting go would change nothing. Deferring it would only delay its report
        // until the next paint or focus change, which after a dialog's Cancel may never come.
        held.removeIf(Component::isDisplayable);
        return MomentaryHolders.survivorsContaining(held, Component::getParent, survivors);
    }

    /** Flushes Ocean's gradient image caches that keep a due object (see the class comment). Same threading. */
    @Override
    public void releaseSoftCaches(List<WatchedReference> due) {
        if (due.isEmpty()) {
            return;
        }
        // If the EDT is busy the GC goes ahead: a cached survivor is then reported as it would be without us.
        MomentaryHolders.askUiThread(EventQueue::invokeLater, () -> {
            releaseSoftImageCache(due);
            return null;
        }, EDT_WAIT_MILLIS, null);
    }

    private static void readFocus(Collection<Component> held) throws ReflectiveOperationException {
        KeyboardFocusManager focus = KeyboardFocusManager.getCurrentKeyboardFocusManager();
        // The public getters return these static fields to the program's own AppContext (the EDT's).
        addIfComponent(held, focus.getFocusedWindow());
        addIfComponent(held, focus.getActiveWindow());
        addIfComponent(held, focus.getFocusOwner());
        addIfComponent(held, focus.getPermanentFocusOwner());
        Object peer = read(KeyboardFocusManager.class.getDeclaredField("peer"), focus);
        if (peer != null) {
            Class<?> peerType = Class.forName("java.awt.peer.KeyboardFocusManagerPeer", false,
                    KeyboardFocusManager.class.getClassLoader());
            for (String getter : List.of("getCurrentFocusedWindow", "getCurrentFocusOwner")) {
                Method method = peerType.getMethod(getter);
                addIfComponent(held, method.invoke(peer));
            }
        }
    }

    private static void readPaintManager(Collection<Component> held) throws ReflectiveOperationException {
        RepaintManager repaints = RepaintManager.currentManager((Component) null);
        Object paintManager = read(RepaintManager.class.getDeclaredField("paintManager"), repaints);
        if (paintManager == null || !paintManager.getClass().getName().equals("javax.swing.BufferStrategyPaintManager")) {
            return; // a program with its own RepaintManager, or no buffer-per-window painting
        }
        addIfComponent(held, read(paintManager.getClass().getDeclaredField("rootJ"), paintManager));
        Object strategy = read(paintManager.getClass().getDeclaredField("bufferStrategy"), paintManager);
        if (strategy != null) {
            // Component's buffer strategies are inner classes: their enclosing instance is the window.
            addComponentFields(held, strategy);
        }
    }

    private static void readSelectionOwner(Collection<Component> held) throws ReflectiveOperationException {
        Clipboard selection = Toolkit.getDefaultToolkit().getSystemSelection();
        if (selection == null) {
            return; // no system selection on this platform
        }
        Object owner = read(Clipboard.class.getDeclaredField("owner"), selection);
        if (owner == null) {
            return;
        }
        addIfComponent(held, owner);
        // Swing's caret owns the selection through its handler, an inner class of DefaultCaret.
        Object caret = owner;
        if (!(caret instanceof DefaultCaret) && owner.getClass().getEnclosingClass() == DefaultCaret.class) {
            for (Field field : owner.getClass().getDeclaredFields()) {
                if (field.isSynthetic() && DefaultCaret.class.isAssignableFrom(field.getType())) {
                    caret = read(field, owner);
                }
            }
        }
        if (caret instanceof DefaultCaret) {
            addIfComponent(held, read(DefaultCaret.class.getDeclaredField("component"), caret));
        }
    }

    /**
     * Ocean's gradient cache (see the class comment): when a due object is, or contains, the last
     * component a cached image was painted for, flushes that image cache. EDT only.
     */
    private static void releaseSoftImageCache(List<WatchedReference> due) {
        try {
            Class<?> cachedPainter = Class.forName("sun.swing.CachedPainter", false, Component.class.getClassLoader());
            Map<?, ?> caches;
            synchronized (cachedPainter) { // CachedPainter guards its map with its class lock
                caches = Map.copyOf(map(read(cachedPainter.getDeclaredField("cacheMap"), null)));
            }
            for (Object cache : caches.values()) {
                if (!MomentaryHolders.survivorsContaining(cachedComponents(cache), Component::getParent, due).isEmpty()) {
                    cache.getClass().getMethod("flush").invoke(cache); // painting, and so the cache, is EDT work
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError otherJdkOrNotOpen) {
            // Another JDK's cache, or not open: the GC goes ahead without it.
        }
    }

    /** The components the images of one {@code sun.swing.ImageCache} were last painted for. */
    private static List<Component> cachedComponents(Object imageCache) throws ReflectiveOperationException {
        List<Component> components = new ArrayList<>();
        Object entries = read(imageCache.getClass().getDeclaredField("entries"), imageCache);
        if (!(entries instanceof Collection<?> references)) {
            return components;
        }
        for (Object reference : new ArrayList<>(references)) {
            Object entry = reference instanceof java.lang.ref.Reference<?> soft ? soft.get() : null;
            if (entry == null) {
                continue;
            }
            Object image = read(entry.getClass().getDeclaredField("image"), entry);
            if (image != null) {
                addComponentFields(components, image);
            }
        }
        return components;
    }

    /**
     * Adds what the instance fields of {@code owner} (its class and superclasses) of a component type
     * refer to: the painted-for component of a cached image ({@code PainterMultiResolutionCachedImage.c},
     * a volatile image's {@code comp}), the enclosing window of a buffer strategy. A field that cannot
     * be read is skipped.
     */
    private static void addComponentFields(Collection<Component> held, Object owner) {
        for (Class<?> type = owner.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && Component.class.isAssignableFrom(field.getType())) {
                    try {
                        addIfComponent(held, read(field, owner));
                    } catch (IllegalAccessException | RuntimeException notOpen) {
                        // A package we did not open (another JDK's image class): nothing known here.
                    }
                }
            }
        }
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static void addIfComponent(Collection<Component> held, Object value) {
        if (value instanceof Component component) {
            held.add(component);
        }
    }

    private static Object read(Field field, Object owner) throws IllegalAccessException {
        field.setAccessible(true);
        return field.get(owner);
    }
}
