package dev.leakinspector.heap;

import java.util.List;
import java.util.Map;

/**
 * The text report of a {@link UiLeakFinder} run, as {@code analyze --ui-leaks} prints it: a summary line, the rule,
 * the leaks grouped by kind, class and suspect references (count, objects, the first one's full trace), the
 * JDK/toolkit holds the same way marked as not the program's leak, and one line per object not reported. Stateless.
 */
public final class UiLeakText {
    private static final String NL = System.lineSeparator();
    /** Object ids listed per group; the rest are counted. */
    private static final int IDS_PER_GROUP = 10;
    /** Objects not reported listed one per line; the rest are counted. */
    private static final int NOT_REPORTED_LINES = 30;

    private UiLeakText() {
    }

    public static String format(UiLeakFinder.Result result, Map<String, Long> timings) {
        StringBuilder sb = new StringBuilder();
        List<UiLeak> leaks = result.leaks();
        List<UiLeak> holds = result.with(UiLeak.Status.TOOLKIT_HOLD);
        List<UiLeak> quiet = result.with(UiLeak.Status.NOT_REPORTED);
        Map<String, List<UiLeak>> leakGroups = result.groups(UiLeak.Status.LEAK);
        sb.append(leaks.isEmpty() ? "No UI leaks found." : "UI leaks: " + leaks.size() + " object"
                + (leaks.size() == 1 ? "" : "s") + " that should be dead, in " + leakGroups.size() + " group"
                + (leakGroups.size() == 1 ? "" : "s") + ".");
        if (!holds.isEmpty()) {
            sb.append(' ').append(holds.size()).append(" kept only by a JDK/toolkit hold (marked, not counted).");
        }
        if (!quiet.isEmpty()) {
            sb.append(' ').append(quiet.size()).append(" not reported (listed at the end).");
        }
        sb.append(NL).append("Rule: ").append(UiLeakFinder.RULE).append(NL).append(NL);
        appendGroups(leakGroups, "", sb);
        appendGroups(result.groups(UiLeak.Status.TOOLKIT_HOLD), "JDK/toolkit hold, not the program's leak: ", sb);
        if (!quiet.isEmpty()) {
            sb.append("Not reported (not on screen, but what keeps them is no leak shape):").append(NL);
            for (int i = 0; i < quiet.size(); i++) {
                if (i == NOT_REPORTED_LINES) {
                    sb.append("  and ").append(quiet.size() - i).append(" more (--json lists them all)").append(NL);
                    break;
                }
                UiLeak l = quiet.get(i);
                ObjectAnalysis a = l.analysis();
                sb.append("  ").append(l.kind().label()).append(": ").append(l.displayName()).append(" 0x")
                        .append(Long.toHexString(a.objectId())).append(" — ").append(whyNotReported(l)).append(NL);
            }
            sb.append(NL);
        }
        if (result.candidatesNotExplained() > 0) {
            sb.append(result.candidatesNotExplained()).append(" more candidates were not explained (at most ")
                    .append(UiLeakFinder.MAX_CANDIDATES).append(" per run).").append(NL);
        }
        if (!timings.isEmpty()) {
            sb.append("Timings:");
            timings.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            sb.append(NL);
        }
        return sb.toString();
    }

    /** One line why an object is not reported. */
    public static String whyNotReported(UiLeak l) {
        ObjectAnalysis a = l.analysis();
        if (a.paths().isEmpty()) {
            return "no strong path: it will be collected";
        }
        if (a.onlyTransientPaths()) {
            return "only a UI thread's local keeps it, mid-event";
        }
        return a.pathVerdict().wireName() + (a.pathVerdictReason().isEmpty() ? "" : ": " + a.pathVerdictReason());
    }

    private static void appendGroups(Map<String, List<UiLeak>> groups, String prefix, StringBuilder sb) {
        int g = 0;
        for (List<UiLeak> group : groups.values()) {
            UiLeak first = group.get(0);
            sb.append("── ").append(++g).append(". ").append(prefix).append(first.kind().label()).append(": ")
                    .append(first.analysis().className()).append(" ×").append(group.size()).append(NL);
            sb.append("   ").append(first.kind().rule()).append(NL);
            sb.append("   ");
            for (int i = 0; i < group.size() && i < IDS_PER_GROUP; i++) {
                UiLeak l = group.get(i);
                sb.append(i == 0 ? "" : ", ").append(l.displayName()).append(" 0x")
                        .append(Long.toHexString(l.analysis().objectId())).append(" (").append(l.descendants())
                        .append(" inside)");
            }
            if (group.size() > IDS_PER_GROUP) {
                sb.append(" and ").append(group.size() - IDS_PER_GROUP).append(" more");
            }
            sb.append(NL);
            LeakTraceText.appendObject(first.analysis(), sb);
        }
    }
}
