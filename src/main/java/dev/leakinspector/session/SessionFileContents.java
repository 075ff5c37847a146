package dev.leakinspector.session;

import java.util.List;

/**
 * What reading a session file gave: the session, read-only ({@link ConnectionState#SAVED}), and every line that
 * could not be used, each with its line number and a reason a user can read. A damaged line costs only itself.
 * Immutable apart from the model, which belongs to its reader's thread.
 *
 * @param skipped the lines left out, in file order; empty for an intact file
 */
public record SessionFileContents(SessionModel model, List<SkippedLine> skipped) {
    /** How many skipped lines {@link #skippedSummary()} names before it only counts the rest. */
    static final int NAMED_IN_SUMMARY = 5;

    public SessionFileContents {
        skipped = List.copyOf(skipped);
    }

    /** One line of the file left out, numbered from 1 as an editor numbers them (blank lines count). */
    public record SkippedLine(int number, String reason) {
        @Override
        public String toString() {
            return "line " + number + ": " + reason;
        }
    }

    /**
     * One line for the user, e.g. {@code "2 lines skipped: line 17: the watch id is not a whole number: \"1x\";
     * line 40: cut off: the file ends in the middle of this line"}; "" when nothing was skipped.
     */
    public String skippedSummary() {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(skipped.size()).append(skipped.size() == 1 ? " line skipped: " : " lines skipped: ");
        for (int i = 0; i < Math.min(NAMED_IN_SUMMARY, skipped.size()); i++) {
            out.append(i == 0 ? "" : "; ").append(skipped.get(i));
        }
        if (skipped.size() > NAMED_IN_SUMMARY) {
            out.append("; and ").append(skipped.size() - NAMED_IN_SUMMARY).append(" more");
        }
        return out.toString();
    }
}
