package dev.leakinspector.heap;

import dev.leakinspector.testing.TargetSide;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.awt.EventQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A target whose heap is dumped mid-event (LEAK-PATTERNS row 14): a static field keeps a holder of a leaked view,
 * and the AWT event thread is inside a handler that holds the same holder in a local variable. Headless AWT; driven
 * through standard input: {@code dump <file>} writes a live heap dump (HotSpotDiagnosticMXBean) while the handler
 * waits and prints {@code DUMPED}; {@code exit} lets the handler return and exits. Prints {@code IN HANDLER} once
 * the event thread holds the local.
 */
public final class MidEventTarget {
    /** What the program leaks. */
    public static final class LeakedView {
    }

    /** Keeps the view: the durable holder. */
    public static final class ViewHolder {
        final LeakedView view = new LeakedView();
    }

    /** The static field the explanation must start at. */
    static final class Registry {
        static ViewHolder holder = new ViewHolder();
    }

    private MidEventTarget() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EventQueue.invokeLater(() -> handleClick(release));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ", 2);
            switch (words[0]) {
                case "dump" -> {
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(words[1], true);
                    TargetSide.reply("DUMPED");
                }
                case "exit" -> {
                    release.countDown();
                    System.exit(0);
                }
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    /** An event handler that works with the holder while the dump is taken. */
    private static void handleClick(CountDownLatch release) {
        ViewHolder local = Registry.holder;
        TargetSide.reply("IN HANDLER");
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reference.reachabilityFence(local); // the local is live across the wait, as in a real handler
    }
}
