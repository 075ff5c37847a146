package dev.leakinspector.precision;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.testing.Jdks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 10's precision benchmark (a runnable main, not a test): runs the realistic JavaFX sample browser
 * and Swing demo suite, each in its own JVM with the real agent attached, clicks through them for a
 * while, and prints how right the reports were: standing {@code leak}-verdict reports, how many of them
 * are planted leaks (precision), reports of objects on screen, and planted leaks found (recall).
 *
 * <p>Arguments: {@code [--seconds N]} script length per target (default 75), {@code [--target fx|swing|all]}
 * (default all), {@code [--jdk 17|25]} the targets' JDK (default: the one running this).
 *
 * Run:
 * <pre>
 * ./mvnw -q -ntp package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
 *     -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) dev.leakinspector.precision.PrecisionBenchmark --seconds 75
 * </pre>
 * The Swing target needs {@code xvfb-run} (apt-get install xvfb xauth); the agent jar is
 * {@code target/leak-inspector-agent.jar} (or {@code -Dleakinspector.agentJar=…}).
 */
public final class PrecisionBenchmark {
    private PrecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = 75;
        String which = "all";
        Path java = Jdks.current();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--target" -> which = args[++i];
                case "--jdk" -> {
                    int feature = Integer.parseInt(args[++i]);
                    java = Jdks.find(feature).orElseThrow(() -> new IllegalArgumentException("no JDK " + feature + " installed"));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --seconds N, --target fx|swing|all, --jdk 17|25)");
            }
        }
        List<PrecisionResult> results = new ArrayList<>();
        for (PrecisionRun.Target target : PrecisionRun.Target.values()) {
            if (!which.equals("all") && !which.equalsIgnoreCase(target.name())) {
                continue;
            }
            Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
            if (target.needsDisplay && xvfbRun == null) {
                System.out.println(target.title + ": skipped, xvfb-run is not installed");
                continue;
            }
            System.out.println("running " + target.title + " for " + seconds + " s …");
            results.add(PrecisionRun.run(target, seconds, java, xvfbRun));
        }
        System.out.println();
        System.out.println(PrecisionResult.HEADER);
        results.forEach(result -> System.out.println(result.row()));
        System.out.println();
        System.out.println("leak now: standing reports (not retracted) with verdict leak; real: of those, planted leaks;"
                + " displayed: reports of objects on screen when reported; found: planted leaks with a standing leak report;"
                + " reused / retained: reports retracted as reused, standing reports with verdict retained.");
        results.forEach(result -> System.out.print(result.details()));
    }
}
