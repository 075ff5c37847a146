package dev.leakinspector.heap;

import dev.leakinspector.cli.AnalyzeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code analyze} command line: text trace, JSON shape, usage and failure exits. */
class AnalyzeCommandTest {
    private static final String WINDOW = "dev.leakinspector.heap.HeapFixtures$FakeWindow";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) { }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AnalyzeCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String dump() {
        return TestDumps.sharedFile().toString();
    }

    @Test
    void aClassWithMoreInstancesThanTheCapIsExplainedForTheFirstOnesAndSaysSo() throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.Row", "java.lang.Object");
        long[] rows = new long[101];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = h.obj("com.acme.Row");
        }
        h.staticField("com.acme.App", "ROWS", h.array(rows));
        Path file = h.write(dir.resolve("rows.hprof"));
        Result r = run(file.toString(), "--class", "com.acme.Row", "--paths", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("analyze: 101 objects match class com.acme.Row; explaining the first 100", r.err().strip());
        assertEquals(100, r.out().split("\"retainedBytes\":", -1).length - 1, r.out());
        assertTrue(r.out().contains("\"timings\":{\"indexMs\":"), r.out());
        assertTrue(r.out().matches("(?s).*\"selectMs\":\\d+,\"pathsMs\":\\d+,\"retainedMs\":\\d+,\"cyclesMs\":\\d+,"
                + "\"totalMs\":\\d+}}\\s*"), r.out());
    }

    @Test
    void textTraceOfALeakedListenerReadsLikeLeakCanary() {
        Result r = run("analyze", dump(), "--class", WINDOW, "--paths", "1");
        assertEquals(0, r.code(), r.err());
        String t = r.out();
        assertTrue(t.contains("┬───\n│ GC Root: Class\n│\n├─ dev.leakinspector.heap.HeapFixtures$ListenerModel class\n"
            + "│    Leaking: NO (a class is never leaking)\n│    ↓ static HeapFixtures$ListenerModel.LISTENERS\n"), t);
        // The static list and its array are not leaking: the suspects start at the listener's slot.
        assertTrue(t.contains("├─ java.util.ArrayList instance\n│    Leaking: NO (held by a static field: lives as long as its class)\n"
                + "│    ↓ ArrayList.elementData\n├─ java.lang.Object[] instance\n"
                + "│    Leaking: NO (internal state of the not-leaking ArrayList)\n"), t);
        assertTrue(t.matches("(?s).*│    ↓ HeapFixtures\\$Listener\\.window\n│ +~+\n.*"), t);
        assertTrue(t.contains("╰→ dev.leakinspector.heap.HeapFixtures$FakeWindow instance\n     Leaking: YES (reported as leaking)\n"), t);
        assertTrue(t.contains("retained 108 bytes, fingerprint "), t);
        assertTrue(t.contains("Timings: indexMs="), t);
        assertEquals(2, t.split("Path 1 of 1 \\(4 references\\)", -1).length - 1, t);
    }

    @Test
    void jsonHasExactlyTheIssueShape() {
        Result r = run(dump(), "--class", WINDOW, "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> root = asMap(new Json(r.out().trim()).value());
        assertEquals(List.of("objects", "timings"), new ArrayList<>(root.keySet()));
        List<Object> objects = asList(root.get("objects"));
        assertEquals(2, objects.size());
        for (Object o : objects) {
            Map<String, Object> obj = asMap(o);
            assertEquals(List.of("objectId", "className", "retainedBytes", "fingerprint", "libraryHold", "pathVerdict",
                "pathVerdictReason", "onlyTransientPaths", "whatToChange", "changeKind", "paths", "cycles"),
                new ArrayList<>(obj.keySet()));
            assertNull(obj.get("libraryHold"));
            // static list -> listener -> window: a listener list a static field keeps
            assertEquals("leak", obj.get("pathVerdict"));
            assertEquals("retained through a listener list (static HeapFixtures$ListenerModel.LISTENERS → HeapFixtures$Listener)",
                obj.get("pathVerdictReason"));
            assertEquals(Boolean.FALSE, obj.get("onlyTransientPaths"));
            assertEquals("Remove the listener from the static HeapFixtures$ListenerModel.LISTENERS when the window closes"
                + " (or add it as a weak listener)", obj.get("whatToChange"));
            assertEquals("listener", obj.get("changeKind"));
            assertTrue(((String) obj.get("objectId")).matches("0x[0-9a-f]+"));
            assertEquals(WINDOW, obj.get("className"));
            assertEquals(108L, obj.get("retainedBytes"));
            assertEquals(40, ((String) obj.get("fingerprint")).length());
            List<Object> paths = asList(obj.get("paths"));
            assertTrue(paths.size() >= 1);
            Map<String, Object> path = asMap(paths.get(0));
            assertEquals(List.of("rootKind", "steps", "rootDescription", "transient", "transientReason", "libraryHold",
                "whatToChange", "changeKind"), new ArrayList<>(path.keySet()));
            assertEquals(obj.get("whatToChange"), path.get("whatToChange"));
            assertEquals(Boolean.FALSE, path.get("transient"));
            assertEquals("", path.get("transientReason"));
            assertNull(path.get("libraryHold"));
            assertEquals("CLASS", path.get("rootKind"));
            List<Object> steps = asList(path.get("steps"));
            assertEquals(5, steps.size());
            for (Object s : steps) {
                assertEquals(List.of("className", "reference", "referenceKind", "leaking", "suspect", "libraryHold"),
                    new ArrayList<>(asMap(s).keySet()));
                assertEquals(Boolean.FALSE, asMap(s).get("libraryHold"));
            }
            Map<String, Object> last = asMap(steps.get(4));
            assertEquals(WINDOW, last.get("className"));
            assertEquals("INSTANCE_FIELD", last.get("referenceKind"));
            assertEquals("YES", last.get("leaking"));
            assertEquals(Boolean.TRUE, last.get("suspect"));
            assertEquals("ROOT", asMap(steps.get(0)).get("referenceKind"));
            assertEquals("NO", asMap(steps.get(0)).get("leaking"));
            assertEquals(Boolean.FALSE, asMap(steps.get(0)).get("suspect"));
            assertEquals(List.of(), asList(obj.get("cycles")));
        }
        assertTrue(asMap(root.get("timings")).containsKey("totalMs"));
    }

    @Test
    void aJdkToolkitHoldIsNamedInJsonAndMarkedInTheTrace() throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.Dialog", "java.lang.Object");
        h.cls("com.acme.Keeper", "java.lang.Object");
        h.cls("javax.swing.ToolTipManager", "java.lang.Object", "insideComponent");
        long dialog = h.obj("com.acme.Dialog");
        h.staticField("com.acme.Keeper", "TIPS", h.obj("javax.swing.ToolTipManager", "insideComponent", dialog));
        String file = h.write(dir.resolve("hold.hprof")).toString();
        LibraryHold hold = LibraryHolds.defaults().all().stream()
            .filter(x -> x.pattern().equals("field javax.swing.ToolTipManager.insideComponent")).findFirst().orElseThrow();

        Result json = run(file, "--class", "com.acme.Dialog", "--json");
        assertEquals(0, json.code(), json.err());
        Map<String, Object> obj = asMap(asList(asMap(new Json(json.out().trim()).value()).get("objects")).get(0));
        Map<String, Object> libraryHold = asMap(obj.get("libraryHold"));
        assertEquals(List.of("name", "why", "bugId", "pattern"), new ArrayList<>(libraryHold.keySet()));
        assertEquals(hold.name(), libraryHold.get("name"));
        assertEquals(hold.why(), libraryHold.get("why"));
        assertEquals("", libraryHold.get("bugId"));
        assertEquals("undecided", obj.get("pathVerdict"));
        Map<String, Object> path = asMap(asList(obj.get("paths")).get(0));
        assertEquals(hold.name(), path.get("libraryHold"));
        List<Object> steps = asList(path.get("steps"));
        assertEquals(List.of(false, false, true), steps.stream().map(s -> asMap(s).get("libraryHold")).toList());
        assertTrue(steps.stream().noneMatch(s -> Boolean.TRUE.equals(asMap(s).get("suspect"))));

        Result text = run(file, "--class", "com.acme.Dialog");
        assertTrue(text.out().contains("JDK/toolkit hold: " + hold.name() + ": " + hold.why() + " — not the program's leak\n"), text.out());
        assertTrue(text.out().contains("│    ↓ ToolTipManager.insideComponent\n│    JDK/toolkit hold: " + hold.why() + "\n"), text.out());
    }

    @Test
    void objectIdSelectsOneObjectAndCyclesAppearInJson() {
        int holder = ObjectSelector.byClass("dev.leakinspector.heap.HeapFixtures$Cycle2").select(TestDumps.sharedIndex(), CancelToken.NEVER)[0];
        long node = TestDumps.sharedIndex().fieldValue(holder, "node", 0);
        Result r = run(dump(), "--object-id", "0x" + Long.toHexString(node), "--json");
        assertEquals(0, r.code(), r.err());
        List<Object> cycles = asList(asMap(asList(asMap(new Json(r.out().trim()).value()).get("objects")).get(0)).get("cycles"));
        assertEquals(1, cycles.size());
        assertEquals(2, asList(cycles.get(0)).size());
        assertEquals("HeapFixtures$CycleNode.next", asMap(asList(cycles.get(0)).get(0)).get("reference"));
    }

    @Test
    void usageErrorsExitWith2OnOneLine() {
        for (String[] args : new String[][] {{}, {dump()}, {dump(), "--class"}, {dump(), "--paths", "0", "--class", "X"},
            {dump(), "--paths", "many", "--class", "X"}, {dump(), "--class", "A", "--object-id", "0x1"}, {dump(), "--bogus"},
            {"a.hprof", "b.hprof", "--class", "X"}}) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("analyze: ") && r.err().contains("usage: analyze <file.hprof>"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void failuresExitWith1OnOneLine() throws IOException {
        Path junk = Files.write(dir.resolve("junk.hprof"), "JAVA PROFILE 1.0.2\0\0\0\0\7".getBytes(StandardCharsets.ISO_8859_1));
        String[][] cases = {
            {dir.resolve("missing.hprof").toString(), "--class", "X"},
            {junk.toString(), "--class", "X"},
            {dump(), "--class", "no.such.Class"},
            {dump(), "--object-id", "0x8"},
            {dump(), "--watch-id", "12345"},
        };
        String[] expected = {"no such file", "corrupt or truncated heap dump at offset", "no class named no.such.Class",
            "no object with id 0x8", "no watched reference with id 12345"};
        for (int i = 0; i < cases.length; i++) {
            Result r = run(cases[i]);
            assertEquals(1, r.code(), String.join(" ", cases[i]));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(expected[i]), r.err());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    /** Minimal strict JSON reader for the tests: objects keep key order; integers become Long. */
    private static final class Json {
        private final String s;
        private int p;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            Object v = read();
            if (p != s.length()) {
                throw new IllegalArgumentException("trailing text at " + p);
            }
            return v;
        }

        private Object read() {
            char c = s.charAt(p);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                p++;
                if (s.charAt(p) == '}') {
                    p++;
                    return m;
                }
                while (true) {
                    String k = string();
                    expect(':');
                    m.put(k, read());
                    if (s.charAt(p) == ',') {
                        p++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            } else if (c == '[') {
                List<Object> l = new ArrayList<>();
                p++;
                if (s.charAt(p) == ']') {
                    p++;
                    return l;
                }
                while (true) {
                    l.add(read());
                    if (s.charAt(p) == ',') {
                        p++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            } else if (c == '"') {
                return string();
            } else if (s.startsWith("true", p)) {
                p += 4;
                return Boolean.TRUE;
            } else if (s.startsWith("false", p)) {
                p += 5;
                return Boolean.FALSE;
            } else if (s.startsWith("null", p)) {
                p += 4;
                return null;
            } else {
                int start = p;
                while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '-')) {
                    p++;
                }
                return Long.parseLong(s.substring(start, p));
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(p) != '"') {
                char c = s.charAt(p++);
                if (c == '\\') {
                    char e = s.charAt(p++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            p++;
            return b.toString();
        }

        private void expect(char c) {
            if (s.charAt(p) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + p + " in " + s.substring(Math.max(0, p - 20), Math.min(s.length(), p + 20)));
            }
            p++;
        }
    }
}
