package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;

import java.util.List;

/**
 * Makes reports waiting in a {@link SessionFeed} share the strings they repeat (class names, triggers, crumbs
 * such as {@code Scene}), which the decoder makes anew for every report: a burst of 100,000 reports waits in
 * the feed while the UI applies it, and every young GC meanwhile copied each report's own copies. A small
 * direct-mapped cache of recent strings; a string it does not hold is kept as it is and evicts the one in its
 * slot, so its memory stays bounded whatever arrives.
 *
 * <p>Threading: any thread, without locks: the slots hold immutable strings, and a lost race only loses a share.
 */
final class SharedStrings {
    private static final int SLOTS = 512;
    private final String[] slots = new String[SLOTS];

    /** {@code leak}, or an equal report holding the cache's copies of its strings where it had equal ones. */
    LeakSuspected share(LeakSuspected leak) {
        String className = share(leak.className());
        String trigger = share(leak.trigger());
        List<String> stack = leak.viewStack();
        String[] crumbs = null;
        for (int i = 0; i < stack.size(); i++) {
            String crumb = stack.get(i);
            String shared = share(crumb);
            if (shared != crumb) {
                if (crumbs == null) {
                    crumbs = stack.toArray(new String[0]);
                }
                crumbs[i] = shared;
            }
        }
        if (className == leak.className() && trigger == leak.trigger() && crumbs == null) {
            return leak;
        }
        return new LeakSuspected(leak.watchId(), className, trigger, crumbs == null ? stack : List.of(crumbs),
                leak.descendants(), leak.watchedAtMillis(), leak.reportedAtMillis(), leak.gcConfirmed(),
                leak.verdict(), leak.gcSkippedBecause());
    }

    /** The cache's copy of {@code text} if it holds an equal one; else {@code text}, which it then holds. */
    String share(String text) {
        int slot = (text.hashCode() * 0x9E3779B9 >>> 23) & (SLOTS - 1);
        String held = slots[slot];
        if (held != null && held.equals(text)) {
            return held;
        }
        slots[slot] = text;
        return text;
    }
}
