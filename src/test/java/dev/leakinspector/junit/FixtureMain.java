package dev.leakinspector.junit;

import java.util.Map;

/**
 * Runs one fixture class through the JUnit Platform launcher in a JVM of its own (one with a display, for Swing)
 * and prints each test's result: {@code RESULT method STATUS}, the failure message's lines each prefixed with
 * {@code | }, then {@code END}.
 */
public final class FixtureMain {
    private FixtureMain() {
    }

    public static void main(String[] args) {
        FixtureRun run = FixtureRun.of(args[0], Map.of());
        run.results().forEach((method, result) -> {
            System.out.println("RESULT " + method + " " + result.getStatus());
            result.getThrowable().ifPresent(error -> String.valueOf(error.getMessage()).lines()
                    .forEach(line -> System.out.println("| " + line)));
        });
        System.out.println("END");
        System.exit(0);
    }

}
