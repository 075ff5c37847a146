package dev.leakinspector.junit;

import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.protocol.LeakSuspected;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The failure message of a test that leaked: per object still alive, its verdict, class, what closed it and where it
 * lived, then its leak trace (the heap engine's text: from the GC root down to the object, suspect references
 * underlined), and where the dump is, or how to keep it. Stateless.
 */
final class LeakFailureText {
    private static final String NL = System.lineSeparator();

    private LeakFailureText() {
    }

    /**
     * @param leaks the failing reports, each with its analysis in {@code analyses} (by watch id)
     * @param keptDump the dump when kept, else null
     */
    static String format(List<LeakSuspected> leaks, Map<Long, ObjectAnalysis> analyses, FailOn failOn, Path keptDump,
                         List<String> problems) {
        StringBuilder out = new StringBuilder();
        out.append("Leak Inspector: ").append(leaks.size()).append(leaks.size() == 1 ? " object" : " objects")
                .append(" closed, removed or watched by a rule during this test ").append(leaks.size() == 1 ? "is" : "are")
                .append(" still alive (failing on ").append(failOn == FailOn.LEAK ? "leak" : "retained and leak")
                .append(")").append(NL);
        int number = 1;
        for (LeakSuspected leak : leaks) {
            out.append(NL).append(number++).append(") ").append(leak.verdict().wireName()).append(": ")
                    .append(leak.className()).append(" — ").append(leak.trigger());
            if (leak.descendants() > 0) {
                out.append("; ").append(leak.descendants()).append(leak.descendants() == 1 ? " object" : " objects")
                        .append(" inside it alive too");
            }
            out.append(NL);
            if (!leak.viewStack().isEmpty()) {
                out.append("   where: ").append(String.join(" › ", leak.viewStack())).append(NL);
            }
            out.append(NL);
            LeakTraceText.appendObject(analyses.get(leak.watchId()), out);
        }
        if (keptDump != null) {
            out.append("Heap dump kept: ").append(keptDump).append(NL);
        } else {
            out.append("Heap dump deleted; to keep it: @LeakInspection(keepDumpOnFailure = true) or -D")
                    .append(LeakInspectionSettings.KEEP_DUMP_PROPERTY).append("=true").append(NL);
        }
        if (!problems.isEmpty()) {
            out.append("Problems while watching:").append(NL);
            problems.forEach(problem -> out.append("  ").append(problem).append(NL));
        }
        return out.toString();
    }
}
