package dev.leakinspector.precision;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * The precision targets' own record of what they show: every page, dialog, window and control they
 * build is registered here, weakly, with the times it stopped being displayed. It answers the
 * benchmark's question "was the object the agent just reported on screen?" without the agent's help:
 * a report names the object's class and the time its watch started, which is the moment it stopped
 * being displayed; the object was on screen when reported when a registered object of that class that
 * stopped being displayed at that moment is displayed now, and has been since before the report. Holds nothing strongly, so it cannot keep
 * anything alive (it must not make leaks of its own). Thread-safe; {@link #displayedMatches} is called
 * on the toolkit's UI thread, where displayed state can be read.
 */
final class ShownRegistry {
    /** How far apart the agent's watch time and the target's own record of the same event may be. */
    static final long SAME_EVENT_MILLIS = 500;
    private static final int HIDES_KEPT = 32;

    private final Map<Object, Entry> entries = Collections.synchronizedMap(new WeakHashMap<>());

    /** Registers an object the program shows (again is harmless). */
    void register(Object shown) {
        entries.computeIfAbsent(shown, Entry::new);
    }

    /** Records that {@code shown} stopped being displayed at {@code epochMillis}. */
    void undisplayed(Object shown, long epochMillis) {
        Entry entry = entries.get(shown);
        if (entry != null) {
            entry.hidden(epochMillis);
        }
    }

    /** Records that {@code shown} was displayed (again) at {@code epochMillis}. */
    void displayed(Object shown, long epochMillis) {
        Entry entry = entries.get(shown);
        if (entry != null) {
            entry.shown(epochMillis);
        }
    }

    /**
     * The registered objects of class {@code className} that stopped being displayed within
     * {@link #SAME_EVENT_MILLIS} of {@code watchedAtMillis}, that {@code isDisplayed} says are displayed
     * now and that were displayed again before {@code reportedAtMillis} (shown again after the report,
     * the object was not on screen when reported: that is a reuse), described for the report; empty
     * when none: the report is of something not on screen.
     */
    List<String> displayedMatches(String className, long watchedAtMillis, long reportedAtMillis, Predicate<Object> isDisplayed) {
        List<Entry> candidates;
        synchronized (entries) {
            candidates = new ArrayList<>(entries.values());
        }
        List<String> displayed = new ArrayList<>();
        for (Entry entry : candidates) {
            Object object = entry.object.get();
            if (object != null && entry.className.equals(className) && entry.hiddenNear(watchedAtMillis)
                    && entry.shownSince(reportedAtMillis) && isDisplayed.test(object)) {
                displayed.add(entry.className + "@" + Integer.toHexString(System.identityHashCode(object)));
            }
        }
        return displayed;
    }

    /** One registered object: weakly, its class and its last hide times (a ring). */
    private static final class Entry {
        final WeakReference<Object> object;
        final String className;
        private final long[] hiddenAt = new long[HIDES_KEPT];
        private int hides;
        private long lastShownAt;

        Entry(Object shown) {
            this.object = new WeakReference<>(shown);
            this.className = shown.getClass().getName();
        }

        synchronized void hidden(long epochMillis) {
            hiddenAt[hides++ % HIDES_KEPT] = epochMillis;
        }

        synchronized void shown(long epochMillis) {
            lastShownAt = epochMillis;
        }

        /** Whether its last showing began before {@code epochMillis} (it is asked only when it shows now). */
        synchronized boolean shownSince(long epochMillis) {
            return lastShownAt <= epochMillis;
        }

        synchronized boolean hiddenNear(long epochMillis) {
            for (int i = 0; i < Math.min(hides, HIDES_KEPT); i++) {
                if (Math.abs(hiddenAt[i] - epochMillis) <= SAME_EVENT_MILLIS) {
                    return true;
                }
            }
            return false;
        }
    }
}
