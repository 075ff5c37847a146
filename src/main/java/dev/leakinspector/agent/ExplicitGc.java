package dev.leakinspector.agent;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/** Tells whether the target was started with {@code -XX:+DisableExplicitGC}. Thread-safe. */
final class ExplicitGc {
    private ExplicitGc() {
    }

    static boolean isDisabled() {
        try {
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return diagnostics != null && "true".equals(diagnostics.getVMOption("DisableExplicitGC").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            return false;
        }
    }
}
