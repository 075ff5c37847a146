package dev.leakinspector.precision;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.testing.Jdks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 10's targets on realistic programs, in short: each precision target clicks through its pages
 * for a short script with the real agent attached, and the reports must be right — at least 90 % of the
 * standing leak-verdict reports are planted leaks, no report is of an object on screen, and every planted
 * leak is found. {@link PrecisionBenchmark} runs the same for longer and prints the table.
 */
class PrecisionIT {
    private static final long SCRIPT_SECONDS = 25;

    @ParameterizedTest(name = "{0}")
    @EnumSource(PrecisionRun.Target.class)
    void reportsOnARealisticProgramAreRight(PrecisionRun.Target target) throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(!target.needsDisplay || xvfbRun != null,
                "xvfb-run is not installed: the Swing target needs an X display (apt-get install xvfb xauth)");

        PrecisionResult result = PrecisionRun.run(target, SCRIPT_SECONDS, Jdks.current(), xvfbRun);

        String measured = PrecisionResult.HEADER + "\n" + result.row() + "\n" + result.details();
        assertAll(
                () -> assertTrue(result.precision() >= 0.9, "precision below 90 %:\n" + measured),
                () -> assertEquals(0, result.displayed(), "reports of objects on screen:\n" + measured),
                () -> assertEquals(result.planted(), result.plantedFound(), "planted leaks missed:\n" + measured));
    }
}
