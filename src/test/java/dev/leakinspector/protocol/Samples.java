package dev.leakinspector.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Message fixtures for the protocol tests: fixed edge cases and random valid messages. */
final class Samples {
    static final String UNICODE = "Fenster \"Einstellungen\" › 設定 — 🧪 ∅ \u0000 tab\there";

    private Samples() {
    }

    static Hello hello(AuthToken token) {
        return new Hello(Protocol.VERSION, token, 4242, "17.0.12", "OpenJDK 64-Bit Server VM",
                "com.acme.Main", "0.1.0", List.of("javafx", "swing"), false);
    }

    /** At least one of every message type, with empty lists, Unicode and extreme numbers among them. */
    static List<Message> edgeCases() {
        AuthToken token = AuthToken.fromHex("00112233445566778899aabbccddeeff");
        return List.of(
                hello(token),
                new Hello(Protocol.VERSION, token, Long.MAX_VALUE, "", "", "", "", List.of(), true),
                new Hello(Protocol.VERSION, token, -1, UNICODE, UNICODE, UNICODE, UNICODE, List.of(UNICODE, ""), true),
                new Stats(0, 0, 0, 0, 0, 0, 0),
                new Stats(Long.MIN_VALUE, Long.MAX_VALUE, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE,
                        Long.MAX_VALUE),
                new LeakSuspected(1, "javafx.stage.Stage", "window hidden",
                        List.of("Stage \"Preferences\"", "Scene", "BorderPane", "VBox#form", "TableView#orders"),
                        3, 1_700_000_000_000L, 1_700_000_002_000L, true, Verdict.LEAK, ""),
                new LeakSuspected(Long.MIN_VALUE, "", "", List.of(), Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
                        false, Verdict.LEAK, ""),
                new LeakSuspected(Long.MAX_VALUE, UNICODE, UNICODE, List.of(UNICODE), Integer.MAX_VALUE, 0, 0, true,
                        Verdict.RETAINED, ""),
                new LeakSuspected(3, "a.B", "node detached", List.of("Stage", "Scene"), 0, 0, 0, false, Verdict.RETAINED,
                        "-XX:+DisableExplicitGC"),
                new ObjectDeallocated(7, 2500),
                new ObjectDeallocated(Long.MIN_VALUE, Long.MAX_VALUE),
                new ObjectReused(9, 12_000),
                new ObjectReused(Long.MIN_VALUE, Long.MAX_VALUE),
                new VerdictChanged(9, Verdict.LEAK, "3 instances of OrdersPage retained"),
                new VerdictChanged(Long.MAX_VALUE, Verdict.RETAINED, UNICODE),
                new AgentError("swing trigger", "java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)"),
                new AgentError("", ""),
                new AgentError(UNICODE, "x".repeat(Protocol.MAX_STRING_BYTES)),
                new Configure(2000, List.of("com.acme.cache.*", "*Tooltip*"), List.of("com.acme.Session#close()")),
                new Configure(Long.MIN_VALUE, List.of(), List.of()),
                new Configure(Long.MAX_VALUE, List.of(UNICODE, "a,b=c"), List.of("")),
                new Detach("target exiting"),
                new Detach(""),
                new Detach(UNICODE),
                new HeapDumpRequest(1, "/tmp/leak-inspector-dumps-1/leak-inspector-4242-1.hprof"),
                new HeapDumpRequest(Long.MIN_VALUE, ""),
                new HeapDumpReady(1, "/tmp/x.hprof", 31_262_170, ""),
                new HeapDumpReady(Long.MAX_VALUE, UNICODE, -1, "No space left on device"));
    }

    /** A random valid message of a random type; strings are valid Unicode so the round trip is exact. */
    static Message random(Random r) {
        switch (r.nextInt(11)) {
            case 0: {
                byte[] raw = new byte[AuthToken.BYTES];
                r.nextBytes(raw);
                return new Hello(Protocol.VERSION, AuthToken.fromBytes(raw), r.nextLong(), string(r), string(r),
                        string(r), string(r), strings(r), r.nextBoolean());
            }
            case 1:
                return new Stats(r.nextLong(), r.nextLong(), r.nextLong(), r.nextInt(), r.nextInt(), r.nextLong(),
                        r.nextLong());
            case 2:
                return new LeakSuspected(r.nextLong(), string(r), string(r), strings(r), r.nextInt(), r.nextLong(),
                        r.nextLong(), r.nextBoolean(), r.nextBoolean() ? Verdict.LEAK : Verdict.RETAINED, string(r));
            case 3:
                return new ObjectDeallocated(r.nextLong(), r.nextLong());
            case 4:
                return new AgentError(string(r), string(r));
            case 5:
                return new Configure(r.nextLong(), strings(r), strings(r));
            case 6:
                return new HeapDumpRequest(r.nextLong(), string(r));
            case 7:
                return new HeapDumpReady(r.nextLong(), string(r), r.nextLong(), string(r));
            case 8:
                return new ObjectReused(r.nextLong(), r.nextLong());
            case 9:
                return new VerdictChanged(r.nextLong(), r.nextBoolean() ? Verdict.LEAK : Verdict.RETAINED, string(r));
            default:
                return new Detach(string(r));
        }
    }

    static String string(Random r) {
        int len = r.nextInt(4) == 0 ? 0 : r.nextInt(24);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            switch (r.nextInt(4)) {
                case 0:
                    sb.append((char) ('a' + r.nextInt(26)));
                    break;
                case 1:
                    sb.append((char) r.nextInt(0x80));
                    break;
                case 2:
                    sb.append((char) (0x80 + r.nextInt(0xD800 - 0x80))); // two and three byte UTF-8, no surrogates
                    break;
                default:
                    sb.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000)); // four byte UTF-8
            }
        }
        return sb.toString();
    }

    static List<String> strings(Random r) {
        int n = r.nextInt(3) == 0 ? 0 : r.nextInt(6);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(string(r));
        }
        return list;
    }
}
