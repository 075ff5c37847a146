package dev.leakinspector.cli;

import static dev.leakinspector.session.JsonStrings.quoted;

import dev.leakinspector.heap.UiLeak;
import dev.leakinspector.heap.UiLeakFinder;
import dev.leakinspector.heap.UiLeakText;

import java.util.List;
import java.util.Map;

/**
 * {@code analyze --ui-leaks --json}: one JSON object, {@code {"rule":"…","leakCount":N,"leaks":[group…],
 * "toolkitHolds":[group…],"notReported":[object…],"candidatesNotExplained":N,"timings":{…}}}. A group is
 * {@code {"kind","label","className","count","objects":[{"objectId","title","descendants"}…],"explanation":…}} with
 * the first object's explanation in {@link AnalysisJson}'s shape; a not-reported object is {@code {"kind",
 * "className","objectId","title","descendants","pathVerdict","reason"}}. Stateless.
 */
final class UiLeaksJson {
    private UiLeaksJson() {
    }

    static String of(UiLeakFinder.Result result, Map<String, Long> timings) {
        StringBuilder sb = new StringBuilder("{\"rule\":").append(quoted(UiLeakFinder.RULE))
                .append(",\"leakCount\":").append(result.leaks().size())
                .append(",\"leaks\":");
        groups(result.groups(UiLeak.Status.LEAK), sb);
        sb.append(",\"toolkitHolds\":");
        groups(result.groups(UiLeak.Status.TOOLKIT_HOLD), sb);
        sb.append(",\"notReported\":[");
        List<UiLeak> quiet = result.with(UiLeak.Status.NOT_REPORTED);
        for (int i = 0; i < quiet.size(); i++) {
            UiLeak l = quiet.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"kind\":").append(quoted(l.kind().wireName()))
                    .append(",\"className\":").append(quoted(l.analysis().className()))
                    .append(",\"objectId\":").append(quoted("0x" + Long.toHexString(l.analysis().objectId())))
                    .append(",\"title\":").append(quoted(l.title()))
                    .append(",\"descendants\":").append(l.descendants())
                    .append(",\"pathVerdict\":").append(quoted(l.analysis().pathVerdict().wireName()))
                    .append(",\"reason\":").append(quoted(UiLeakText.whyNotReported(l))).append('}');
        }
        sb.append("],\"candidatesNotExplained\":").append(result.candidatesNotExplained()).append(",\"timings\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : timings.entrySet()) {
            sb.append(first ? "" : ",").append(quoted(e.getKey())).append(':').append(e.getValue());
            first = false;
        }
        return sb.append("}}").toString();
    }

    private static void groups(Map<String, List<UiLeak>> groups, StringBuilder sb) {
        sb.append('[');
        boolean firstGroup = true;
        for (List<UiLeak> group : groups.values()) {
            UiLeak head = group.get(0);
            sb.append(firstGroup ? "" : ",").append("{\"kind\":").append(quoted(head.kind().wireName()))
                    .append(",\"label\":").append(quoted(head.kind().label()))
                    .append(",\"className\":").append(quoted(head.analysis().className()))
                    .append(",\"count\":").append(group.size())
                    .append(",\"objects\":[");
            for (int i = 0; i < group.size(); i++) {
                UiLeak l = group.get(i);
                sb.append(i == 0 ? "" : ",").append("{\"objectId\":")
                        .append(quoted("0x" + Long.toHexString(l.analysis().objectId())))
                        .append(",\"title\":").append(quoted(l.title()))
                        .append(",\"descendants\":").append(l.descendants()).append('}');
            }
            sb.append("],\"explanation\":").append(AnalysisJson.object(head.analysis())).append('}');
            firstGroup = false;
        }
        sb.append(']');
    }
}
