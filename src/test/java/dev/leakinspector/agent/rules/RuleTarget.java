package dev.leakinspector.agent.rules;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target program for rule tests (its class file is read by {@link BytecodeProbe}), driven
 * line by line through standard input. Prints {@code READY} when it starts, then answers:
 * <ul>
 * <li>{@code call}: {@code RESULT <value>} of {@code new RuleFixture("t").close()} (the object is dropped);</li>
 * <li>{@code keep}: closes a fixture and keeps it in a static list (a leak for a rule), {@code KEPT};</li>
 * <li>{@code record}: connects a counting sink to the rule bridge ({@code RECORDING}); only after an
 *     agent was attached, since the bridge comes from the agent jar;</li>
 * <li>{@code recorded}: {@code RECORDED <n>}, how many objects advice handed to the counting sink (after {@code record}).</li>
 * <li>{@code release <kind>}: releases a new {@link RuleResource} of that kind ({@code session},
 *     {@code pooled}, {@code plain}, {@code sibling}) and keeps it, {@code RELEASED <kind> <result>}.</li>
 * </ul>
 * {@link RuleResource}, {@link RuleSession} and {@link SiblingResource} are loaded at the start,
 * the overriding sessions only when first released.
 * Single-threaded (the main thread reads and answers).
 */
public final class RuleTarget {
    private static final List<Object> KEPT = new ArrayList<>();

    private RuleTarget() {
    }

    public static void main(String[] args) throws Exception {
        // Loaded before any agent attaches: rules must reach classes that are loaded already.
        new SiblingResource().release();
        new RuleSession().release();
        reply("READY " + new RuleFixture("warm-up").close());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "call" -> reply("RESULT " + new RuleFixture("t").close());
                case "keep" -> {
                    RuleFixture kept = new RuleFixture("kept");
                    kept.close();
                    KEPT.add(kept);
                    reply("KEPT");
                }
                case "record" -> {
                    CountingSink.connect();
                    reply("RECORDING");
                }
                case "recorded" -> reply("RECORDED " + CountingSink.RECORDED.get());
                case "release session" -> release("session", new RuleSession());
                case "release pooled" -> release("pooled", new PooledRuleSession());
                case "release plain" -> release("plain", new PlainRuleSession());
                case "release sibling" -> release("sibling", new SiblingResource());
                default -> reply("UNKNOWN " + line);
            }
        }
    }

    private static void release(String kind, RuleResource resource) {
        String result = resource.release();
        KEPT.add(resource);
        reply("RELEASED " + kind + " " + result);
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
