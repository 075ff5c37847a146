package dev.leakinspector.demo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every demo pattern, in LEAK-PATTERNS.md order; adding a pattern is one line here. Immutable and
 * safe to read from any thread (opening a pattern is not: see {@link DemoPattern}).
 */
public final class DemoPatterns {
    private static final List<DemoPattern> ALL = List.of(
            new ModelListenerPattern(false),
            new ModelListenerPattern(true),
            new TransferDialogPattern(false),
            new TransferDialogPattern(true),
            new DelayedCallPattern(),
            new HeartbeatPattern(false),
            new HeartbeatPattern(true),
            new AnimationPattern(true),
            new AnimationPattern(false),
            new SwappedPagePattern(false),
            new ReusingPageCachePattern(),
            new SwappedPagePattern(true),
            new ReusedDialogPattern(),
            new SwingListenerPattern(false),
            new SwingListenerPattern(true),
            new SwingPageCachePattern(),
            new ThreadLocalPattern(),
            new RuleWatchedSessionPattern(),
            new MovedChildrenPattern(),
            new SwingPreferencesPattern(false),
            new SwingPreferencesPattern(true),
            new MidEventDumpPattern(),
            new ToolkitHoldPattern(),
            new TabbedPagesPattern(),
            new MasterDetailPattern());

    private DemoPatterns() {
    }

    /** All patterns in order. */
    public static List<DemoPattern> all() {
        return ALL;
    }

    /** The pattern with this id, ignoring case ({@code "1B"} is {@code "1b"}). */
    public static Optional<DemoPattern> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.id().equals(wanted)).findFirst();
    }

    /** Like {@link #byId} for ids known to exist. */
    static DemoPattern get(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("no pattern " + id));
    }
}
