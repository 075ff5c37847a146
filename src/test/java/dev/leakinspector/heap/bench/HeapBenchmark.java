package dev.leakinspector.heap.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark of our heap engine against Shark 2.14 and the NetBeans heap library on synthetic dumps (not a test).
 * For each size it spawns {@link SyntheticHeapGenerator} to make the dump, then runs every engine in a JVM of its own
 * ({@link EngineRun}), several times, and prints a Markdown table of medians; the dumps are deleted at the end.
 *
 * <pre>
 * ./mvnw -q -ntp test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) dev.leakinspector.heap.bench.HeapBenchmark \
 *      --sizes 30000000 --runs 5 --shark --dir /tmp/leak-inspector-bench
 * </pre>
 * Options: {@code --shark} (also run Shark on the same dump: minutes), {@code --peers shark,netbeans} (any peers),
 * {@code --baseline <classes dir>} (also run our engine from an older build's classes, alternating with this one,
 * and print the ratio: e.g. {@code git worktree add /tmp/base main && (cd /tmp/base && ./mvnw -q -o compile)} then
 * {@code --baseline /tmp/base/target/classes}), {@code --ours-xmx 1g} (our engine's heap), {@code --peer-xmx 12g}
 * (Shark's and NetBeans' heap), {@code --keep} (keep the dumps), {@code --gen-xmx 12g}. Without {@code --shark} or
 * {@code --peers}, only our engine runs.
 *
 * <p>What is measured, per engine in a fresh JVM: "paths" is the wall time from opening the dump to a shortest
 * strong path for each of the 36 leaked windows (index build included); "incl. retained" adds their retained sizes
 * (a separate run for ours and Shark; for NetBeans the same run, after the paths). Peak heap is the sum of the
 * heap pools' peak usage; peak RSS is {@code VmHWM} from {@code /proc/self/status}, which includes the pages of
 * the memory-mapped dump that were touched. Ours runs with {@code -Xmx1g}; the peers get 12 GB because they
 * need it. The machine (2 cores) is shared: other builds running at the same time inflate every number.
 *
 * <p>Results of 22 Nov 2026 (JDK 17, G1, 2 cores / 24 GB, load average 4–6 from other builds; medians of 5 runs
 * for ours, 3 (6 M) or 1 (30 M) for the peers):
 * <pre>
 * | objects | dump    | engine   | -Xmx | paths, s | incl. retained, s | peak heap, MB | peak RSS, MB |
 * |---------|---------|----------|------|----------|-------------------|---------------|--------------|
 * | 6 M     | 246 MB  | ours     | 1g   |   1.79   |     2.13          |    348        |    623       |
 * | 6 M     | 246 MB  | Shark    | 12g  |  10.93   |    14.30          |   1828        |   3019       |
 * | 6 M     | 246 MB  | NetBeans | 12g  |  21.79   |    88.36          |   7496        |  11337       |
 * | 30 M    | 1219 MB | ours     | 1g   |   8.01   |     9.53          |   1050        |   2253       |
 * | 30 M    | 1219 MB | Shark    | 12g  |  55.09   |    90.99          |   5022        |   6913       |
 * | 30 M    | 1219 MB | NetBeans | 12g  |  94.77   |   277.17          |   8061        |  15230       |
 * </pre>
 * On a quiet moment (load &lt; 2), ours: 6 M in 1.3–1.6 s, 30 M in 6.8–7.7 s including retained sizes.
 *
 * <p>Results of 7 Dec 2026, 30 M objects (1219 MB), after the rank-bitmap id lookup, streaming views and the
 * two-thread searches, on the same machine with load average 11–18 from other builds (so wall times are inflated
 * several times; CPU time suffers less): 5 alternating pairs with the previous build, medians.
 * <pre>
 * | engine          | incl. retained, s | of which index, s | CPU, s | peak heap, MB | peak RSS, MB |
 * |-----------------|-------------------|-------------------|--------|---------------|--------------|
 * | ours, before    |      13.60        |       9.64        | 11.10  |     968       |    2243      |
 * | ours, after     |      13.22        |       8.08        |  7.88  |    1085       |    1293      |
 * | ratio (pairs)   |       0.67        |       0.66        |  0.68  |               |              |
 * | Shark (load 20) |     893.97        |                   |        |    6823       |    6994      |
 * </pre>
 * Three more pairs at load 8–9: 19.9 s before, 12.7 s after (ratios 0.53–0.70), index 14.7 s → 7.6 s.
 * The figures to compare with the target (≤ 3 s, RSS ≤ 1.5 GB) need a quiet machine.
 *
 * <p>Results of 7 Dec 2026, evening, after the sorted-run merge (no sort of all ids), the 16 MiB humongous index
 * blocks and the batched far lookups of the reference pass; load average 3–4.5 from other builds, 5 alternating
 * pairs with the build before the first round of speed work, medians:
 * <pre>
 * | engine          | incl. retained, s | of which index, s | CPU, s | peak heap, MB | peak RSS, MB |
 * |-----------------|-------------------|-------------------|--------|---------------|--------------|
 * | ours, before    |      12.18        |       7.64        | 13.86  |    1107       |    2263      |
 * | ours, after     |       7.48        |       3.40        |  9.26  |    1065       |    1394      |
 * | ratio           |       0.57        |       0.49        |  0.67  |               |              |
 * </pre>
 * (Peak RSS is the maximum over 10 runs; 9 of them stayed at 1,123–1,169 MB.)
 *
 * <p>Results of 7 Dec 2026, late evening, after the retained sizes from the path search's tree, the class filter
 * for selecting instances, the block-copy merge of the object table and the shorter compaction of missing targets;
 * 5 alternating pairs with main before them (commit a3d8c32), load average 4.6–7.4 from other builds, and a heavier
 * load from the third pair on (both engines' wall times went from about 3.5 s to about 5.5 s there), medians:
 * <pre>
 * | engine          | paths, s | incl. retained, s | of which index, s | CPU, s | peak heap, MB | peak RSS, MB |
 * |-----------------|----------|-------------------|-------------------|--------|---------------|--------------|
 * | main            |   3.43   |       4.30        |       2.22        |  6.17  |      986      |    1180      |
 * | this build      |   4.80   |       5.49        |       3.62        |  5.25  |     1065      |    1325      |
 * | ratio (pairs)   |   0.90   |       1.13        |       1.28        |  0.89  |               |              |
 * | Shark (1 run)   | 113.19   |     112.21        |                   | 90.78  |     5780      |    7139      |
 * </pre>
 * The first two pairs, before the load rose: incl. retained 3.91 / 3.75 s (main) and 3.33 / 3.21 s (this build).
 * The phases that changed, in every pair: select 0.3–0.9 s → 0.01–0.05 s, retained 1.2–2.7 s → 0.2–0.6 s (paired
 * runs of {@code EngineRun} at load 6–9); what is left is the index (two passes over the file) and the path search.
 *
 * <p>Results of 7 Dec 2026, near midnight, after both threads merge the path search's candidates (the calling thread
 * expanding 11/20 of a big level), small levels with many references are split too, and the rank index is built by
 * two threads; 5 alternating pairs with main before them (commit 933db80), load average 1.7–2.2 from other builds,
 * medians:
 * <pre>
 * | engine          | paths, s | incl. retained, s | of which index, s | CPU, s | peak heap, MB | peak RSS, MB |
 * |-----------------|----------|-------------------|-------------------|--------|---------------|--------------|
 * | main            |   3.27   |       3.23        |       2.29        |  5.61  |      975      |    1176      |
 * | this build      |   2.71   |       2.99        |       2.15        |  5.46  |     1075      |    1175      |
 * | ratio (pairs)   |   0.88   |       0.91        |       0.98        |  0.96  |               |              |
 * </pre>
 * The phases that changed: the path search 927 → 685 ms median in the runs with retained sizes (916 → 675 ms in the
 * runs without); the first pass 1091 → 922 ms, of which the rank index build is 165 → 128 ms median in 6 alternating
 * instrumented runs, the rest noise. Three of this build's five runs with retained sizes took 2.91–2.99 s. In an
 * earlier run of 5 pairs (load 2.5–3.1), one paths-only run of this build peaked at 1,331 MB RSS, and in 6 more pairs
 * one at 1,344 MB; all the others stayed at 1,132–1,175 MB.
 *
 * <p>The late-evening block above was taken under a load that rose mid-run: its medians are not a before/after
 * figure. On a quiet machine (nothing else running), 7 Dec 2026 near midnight, all of the above plus a review's fix
 * (a transient root inside a target's subtree), 5 alternating pairs with the build before any speed work (1184567),
 * medians: incl. retained 7.05 → 3.32 s (runs 3.03, 3.38, 3.32, 3.53, 2.79), paths only 6.41 → 3.20 s, index 4.14 →
 * 2.17 s, CPU 10.84 → 5.97 s, peak RSS 2,243 → 1,197 MB; Shark (1 run) 73.43 s, 6,573 MB.
 */
public final class HeapBenchmark {
    private HeapBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("sizes", "6000000,30000000");
        opt.put("runs", "3");
        opt.put("peer-runs", "1");
        opt.put("dir", "/tmp/leak-inspector-bench");
        opt.put("ours-xmx", "1g");
        opt.put("peer-xmx", "12g");
        opt.put("gen-xmx", "12g");
        opt.put("peers", "");
        for (int i = 0; i < args.length; i++) {
            String key = args[i].substring(2);
            if (key.equals("keep")) {
                opt.put("keep", "true");
            } else if (key.equals("shark")) {
                opt.put("peers", opt.get("peers").isEmpty() ? "shark" : opt.get("peers") + ",shark");
            } else {
                opt.put(key, args[++i]);
            }
        }
        Path dir = Path.of(opt.get("dir"));
        Files.createDirectories(dir);
        List<String> rows = new ArrayList<>();
        rows.add("| objects | dump | engine | -Xmx | paths to all " + SyntheticHeapGenerator.WINDOWS
            + " leaks, s | incl. retained sizes, s | of which index, s | CPU, s | peak heap, MB | peak RSS (VmHWM), MB | runs |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String size : opt.get("sizes").split(",")) {
            Path dump = dir.resolve("synthetic-" + size + ".hprof");
            if (!Files.exists(dump)) {
                run(List.of(java(), "-Xmx" + opt.get("gen-xmx"), "-cp", cp(), SyntheticHeapGenerator.class.getName(), size, dump.toString()));
            }
            String mb = (Files.size(dump) >> 20) + " MB";
            List<String> engines = new ArrayList<>();
            if (opt.containsKey("baseline")) {
                engines.add("baseline");
            }
            engines.add("ours");
            engines.addAll(Arrays.asList(opt.get("peers").split(",")));
            Map<String, List<Map<String, Long>>> oursPathRuns = new LinkedHashMap<>();
            Map<String, List<Map<String, Long>>> oursRetainedRuns = new LinkedHashMap<>();
            if (opt.containsKey("baseline")) {
                // before and after alternate, so a change of the machine's load hits both alike
                for (String e : List.of("baseline", "ours")) {
                    oursPathRuns.put(e, new ArrayList<>());
                    oursRetainedRuns.put(e, new ArrayList<>());
                }
                for (int r = 0; r < Integer.parseInt(opt.get("runs")); r++) {
                    for (String e : List.of("baseline", "ours")) {
                        oursPathRuns.get(e).add(engineRun(e, opt.get("ours-xmx"), dump, "paths", opt.get("baseline")));
                        oursRetainedRuns.get(e).add(engineRun(e, opt.get("ours-xmx"), dump, "retained", opt.get("baseline")));
                    }
                }
            }
            for (String engine : engines) {
                if (engine.isBlank()) {
                    continue;
                }
                boolean ours = engine.equals("ours") || engine.equals("baseline");
                String xmx = ours ? opt.get("ours-xmx") : opt.get("peer-xmx");
                int runs = Integer.parseInt(ours ? opt.get("runs") : opt.get("peer-runs"));
                List<Map<String, Long>> pathRuns = new ArrayList<>();
                List<Map<String, Long>> retainedRuns = new ArrayList<>();
                try {
                if (oursPathRuns.containsKey(engine)) {
                    pathRuns = oursPathRuns.get(engine);
                    retainedRuns = oursRetainedRuns.get(engine);
                }
                for (int r = 0; r < runs && !oursPathRuns.containsKey(engine); r++) {
                    if (!engine.equals("netbeans")) {
                        // Shark and ours: a run for paths alone and one including retained sizes
                        pathRuns.add(engineRun(engine, xmx, dump, "paths", null));
                    }
                    Map<String, Long> withRetained = engineRun(engine, xmx, dump, "retained", null);
                    retainedRuns.add(withRetained);
                    if (engine.equals("netbeans")) {
                        pathRuns.add(withRetained);
                    }
                    deleteNetBeansCache(dump);
                }
                } catch (IllegalStateException e) {
                    // a peer that runs out of memory or fails is a result too: say so in the table
                    deleteNetBeansCache(dump);
                    String row = String.format("| %s | %s | %s | %s | failed: %s | | | | | | |", size, mb, engine, xmx, e.getMessage());
                    rows.add(row);
                    System.out.println(row);
                    continue;
                }
                long paths = median(pathRuns, "pathsMs");
                long total = median(retainedRuns, "totalMs");
                long index = median(retainedRuns, "indexMs");
                long cpu = median(retainedRuns, "cpuMs");
                long heap = Math.max(max(pathRuns, "heapPeakMb"), max(retainedRuns, "heapPeakMb"));
                long rss = Math.max(max(pathRuns, "vmHwmMb"), max(retainedRuns, "vmHwmMb"));
                String row = String.format("| %s | %s | %s | %s | %.2f | %.2f | %s | %.2f | %d | %d | %d |", size, mb, engine, xmx,
                    paths / 1000.0, total / 1000.0, index < 0 ? "" : String.format("%.2f", index / 1000.0), cpu / 1000.0,
                    heap, rss, retainedRuns.size());
                rows.add(row);
                System.out.println(row);
            }
            if (opt.containsKey("baseline")) {
                String row = String.format("| %s | %s | ours / baseline | | %.2f | %.2f | %.2f | %.2f | | | |", size, mb,
                    ratio(oursPathRuns, "pathsMs"), ratio(oursRetainedRuns, "totalMs"), ratio(oursRetainedRuns, "indexMs"),
                    ratio(oursRetainedRuns, "cpuMs"));
                rows.add(row);
                System.out.println(row);
            }
            if (!opt.containsKey("keep")) {
                Files.deleteIfExists(dump);
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
        System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim()
            + " (medians; peak heap and RSS are the maximum over the runs)");
    }

    /** One run in a fresh JVM; engine "baseline" is ours from the {@code baseline} classes, put first on the class path. */
    private static Map<String, Long> engineRun(String engine, String xmx, Path dump, String mode, String baseline) throws Exception {
        boolean old = engine.equals("baseline");
        String classPath = old ? baseline + File.pathSeparator + cp() : cp();
        List<String> cmd = List.of(java(), "-Xmx" + xmx, "-cp", classPath, EngineRun.class.getName(), old ? "ours" : engine,
            dump.toString(), mode);
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : run(cmd)) {
            if (line.startsWith("RESULT ")) {
                for (String kv : line.substring(7).split(" ")) {
                    String[] p = kv.split("=", 2);
                    try {
                        values.put(p[0], Long.parseLong(p[1]));
                    } catch (NumberFormatException e) {
                        // engine and mode names
                    }
                }
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException(engine + " " + mode + " printed no RESULT");
        }
        return values;
    }

    private static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        System.out.println("$ " + String.join(" ", cmd).replace(cp(), "<cp>") + "   (load " + Files.readString(Path.of("/proc/loadavg")).trim() + ")");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("  " + line);
                lines.add(line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("exit " + rc + ": " + cmd.get(cmd.size() - 3));
        }
        return lines;
    }

    private static void deleteNetBeansCache(Path dump) throws IOException {
        Path cache = dump.resolveSibling(dump.getFileName() + ".nbcache");
        if (Files.isDirectory(cache)) {
            try (Stream<Path> s = Files.walk(cache)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Median of the per-pair ratios ours / baseline (runs alternate, so pair i ran under similar load). */
    private static double ratio(Map<String, List<Map<String, Long>>> runs, String key) {
        List<Map<String, Long>> ours = runs.get("ours");
        List<Map<String, Long>> base = runs.get("baseline");
        double[] r = new double[ours.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ours.get(i).getOrDefault(key, -1L) / (double) Math.max(1, base.get(i).getOrDefault(key, 1L));
        }
        Arrays.sort(r);
        return r.length == 0 ? Double.NaN : r[r.length / 2];
    }

    private static long median(List<Map<String, Long>> runs, String key) {
        long[] v = runs.stream().mapToLong(m -> m.getOrDefault(key, -1L)).sorted().toArray();
        return v.length == 0 ? -1 : v[v.length / 2];
    }

    private static long max(List<Map<String, Long>> runs, String key) {
        return runs.stream().mapToLong(m -> m.getOrDefault(key, -1L)).max().orElse(-1);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String cp() {
        return System.getProperty("java.class.path");
    }
}
