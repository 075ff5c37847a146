package dev.leakinspector.cli;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ExplainRequest;
import dev.leakinspector.heap.ExplainResult;
import dev.leakinspector.heap.Explainer;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofFormatException;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakAnalyzer;
import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.heap.UiLeakFinder;
import dev.leakinspector.heap.UiLeakText;
import dev.leakinspector.session.JsonStrings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * {@code analyze <file.hprof> (--watch-id ID | --object-id 0x… | --class NAME | --ui-leaks) [--paths K] [--json]
 * [--dot FILE] [--svg FILE]}: explains why objects of a heap dump are alive, as a LeakCanary-style trace or as JSON,
 * and with {@code --dot}/{@code --svg} draws their Retain Cycle graph ({@link GraphExport}; {@code -} for standard
 * output, which then carries the drawing instead of the trace); with {@code --ui-leaks}, finds
 * the UI objects that should be dead with no other hint ({@link UiLeakFinder}). Exit codes: 0 done (with
 * {@code --ui-leaks}: no UI leak found), 1 failure (file unreadable, corrupt, object not found), 2 usage,
 * 4 {@code --ui-leaks} found at least one UI leak (as {@code attach --fail-on} reports a standing leak; JDK/toolkit
 * holds and objects not reported do not count). A leading {@code "analyze"} argument is accepted and skipped. Runs on
 * the calling thread; stateless.
 */
public final class AnalyzeCommand {
    /** At most this many objects are explained per run (a class name may match millions). */
    static final int MAX_OBJECTS = 100;
    static final String USAGE = "usage: analyze <file.hprof> (--watch-id ID | --object-id 0x… | --class NAME | --ui-leaks) [--paths K] [--json]"
            + " [--dot FILE] [--svg FILE] (the Retain Cycle graph as Graphviz DOT / SVG; FILE - writes it to standard output"
            + " instead of the trace)";
    /** {@code --ui-leaks} found at least one UI leak; the same code as {@code attach --fail-on}. */
    static final int EXIT_UI_LEAKS_FOUND = AttachCommand.EXIT_FAIL_ON;

    private AnalyzeCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> a = !args.isEmpty() && args.get(0).equals("analyze") ? args.subList(1, args.size()) : args;
        String file = null;
        ObjectSelector selector = null;
        int k = LeakAnalyzer.DEFAULT_PATHS;
        boolean json = false;
        boolean uiLeaks = false;
        String dot = null;
        String svg = null;
        try {
            for (int i = 0; i < a.size(); i++) {
                String arg = a.get(i);
                switch (arg) {
                    case "--watch-id":
                        selector = only(selector, ObjectSelector.byWatchId(Long.parseLong(value(a, ++i, arg))));
                        break;
                    case "--object-id":
                        selector = only(selector, ObjectSelector.byObjectId(parseId(value(a, ++i, arg))));
                        break;
                    case "--class":
                        selector = only(selector, ObjectSelector.byClass(value(a, ++i, arg)));
                        break;
                    case "--paths":
                        k = Integer.parseInt(value(a, ++i, arg));
                        if (k < 1) {
                            throw new UsageException("--paths needs a number of at least 1");
                        }
                        break;
                    case "--json":
                        json = true;
                        break;
                    case "--ui-leaks":
                        uiLeaks = true;
                        break;
                    case "--dot":
                        dot = value(a, ++i, arg);
                        break;
                    case "--svg":
                        svg = value(a, ++i, arg);
                        break;
                    default:
                        if (arg.startsWith("--") || file != null) {
                            throw new UsageException("unexpected argument " + arg);
                        }
                        file = arg;
                }
            }
            if (file == null) {
                throw new UsageException("missing <file.hprof>");
            }
            if (uiLeaks && selector != null) {
                throw new UsageException("--ui-leaks finds its objects itself: give no --watch-id, --object-id or --class");
            }
            if (uiLeaks && (dot != null || svg != null)) {
                throw new UsageException("--dot and --svg draw the objects chosen with --watch-id, --object-id or --class");
            }
            if (GraphExport.STDOUT.equals(dot) && GraphExport.STDOUT.equals(svg)) {
                throw new UsageException("only one of --dot and --svg can write to standard output (-)");
            }
            if (selector == null && !uiLeaks) {
                throw new UsageException("choose objects with --watch-id, --object-id or --class, or use --ui-leaks");
            }
        } catch (UsageException e) {
            err.println("analyze: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        } catch (NumberFormatException e) {
            err.println("analyze: not a number: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        Path path = Path.of(file);
        Optional<String> unreadable = whyNotAHeapDumpFile(path);
        if (unreadable.isPresent()) {
            err.println("analyze: " + unreadable.get());
            return 1;
        }
        long t0 = System.nanoTime();
        try (HprofIndex index = HeapDump.open(path, ProgressListener.NONE, CancelToken.NEVER)) {
            long t1 = System.nanoTime();
            if (uiLeaks) {
                return uiLeaks(index, k, json, (t1 - t0) / 1_000_000, t0, out);
            }
            // the objects asked about are treated as reported leaks, as LeakCanary treats the retained instance
            ExplainResult explained = Explainer.explain(index,
                    ExplainRequest.objects(selector).withPaths(k).withMaxObjects(MAX_OBJECTS), ProgressListener.NONE,
                    CancelToken.NEVER);
            if (explained.capped()) {
                err.println("analyze: " + explained.matched() + " objects match " + selector + "; explaining the first " + MAX_OBJECTS);
            }
            List<ObjectAnalysis> results = explained.analyses();
            Map<String, Long> timings = new LinkedHashMap<>();
            timings.put("indexMs", (t1 - t0) / 1_000_000);
            explained.timingsMillis().forEach((phase, ms) -> timings.put(phase + "Ms", ms));
            timings.put("totalMs", (System.nanoTime() - t0) / 1_000_000);
            if (dot != null || svg != null) {
                int drawn = GraphExport.write(results, dot, svg, out, err);
                if (drawn != 0 || GraphExport.toStdout(dot, svg)) {
                    return drawn;
                }
            }
            if (json) {
                out.println(toJson(results, timings));
            } else {
                printText(results, timings, out);
            }
            return 0;
        } catch (HprofFormatException e) {
            err.println("analyze: " + file + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("analyze: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("analyze: cannot read " + file + ": " + reason(e));
            return 1;
        } catch (CancellationException e) {
            err.println("analyze: cancelled");
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("analyze: not enough memory for this dump; run with a larger -Xmx");
            return 1;
        }
    }

    private static int uiLeaks(HprofIndex index, int k, boolean json, long indexMillis, long t0, PrintStream out) {
        UiLeakFinder finder = new UiLeakFinder(index, ProgressListener.NONE, CancelToken.NEVER);
        UiLeakFinder.Result result = finder.find(k);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("indexMs", indexMillis);
        finder.timingsMillis().forEach((phase, ms) -> timings.put(phase + "Ms", ms));
        timings.put("totalMs", (System.nanoTime() - t0) / 1_000_000);
        out.print(json ? UiLeaksJson.of(result, timings) + System.lineSeparator() : UiLeakText.format(result, timings));
        return result.leaks().isEmpty() ? 0 : EXIT_UI_LEAKS_FOUND;
    }

    /**
     * Why {@code path} cannot be read as a heap dump before opening it, in the user's words: it does not exist,
     * it is a directory, a pipe or a device, it may not be read. Empty when it is a readable regular file.
     */
    static Optional<String> whyNotAHeapDumpFile(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(Files.isSymbolicLink(path)
                    ? path + " is a link to " + linkTarget(path) + ", which does not exist"
                    : "no such file: " + path);
        }
        if (Files.isDirectory(path)) {
            return Optional.of(path + " is a directory, not a heap dump file");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of(path + " is " + kindOfSpecialFile(path) + ", not a regular file; save the dump to a file first");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("cannot read " + path + ": permission denied");
        }
        return Optional.empty();
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | RuntimeException e) {
            return "a path";
        }
    }

    /** A pipe, a socket, a device: from the file type bits of its mode (POSIX {@code S_IFMT}). */
    private static String kindOfSpecialFile(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "a special file";
        }
    }

    /** The reason of a file system failure without repeating the file's name, which the message already has. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : "the file system refused access";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static ObjectSelector only(ObjectSelector previous, ObjectSelector next) throws UsageException {
        if (previous != null) {
            throw new UsageException("give only one of --watch-id, --object-id, --class");
        }
        return next;
    }

    private static String value(List<String> a, int i, String option) throws UsageException {
        if (i >= a.size()) {
            throw new UsageException(option + " needs a value");
        }
        return a.get(i);
    }

    private static long parseId(String s) {
        String t = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        return Long.parseUnsignedLong(t, 16);
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ text

    static void printText(List<ObjectAnalysis> results, Map<String, Long> timings, PrintStream out) {
        out.print(LeakTraceText.format(results, timings));
    }

    // ------------------------------------------------------------------ JSON

    static String toJson(List<ObjectAnalysis> results, Map<String, Long> timings) {
        StringBuilder sb = new StringBuilder("{\"objects\":[");
        for (int o = 0; o < results.size(); o++) {
            ObjectAnalysis r = results.get(o);
            if (o > 0) {
                sb.append(',');
            }
            sb.append(AnalysisJson.object(r));
        }
        sb.append("],\"timings\":{");
        boolean first = true;
        for (Map.Entry<String, Long> e : timings.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(JsonStrings.quoted(e.getKey())).append(':').append(e.getValue());
        }
        return sb.append("}}").toString();
    }

}
