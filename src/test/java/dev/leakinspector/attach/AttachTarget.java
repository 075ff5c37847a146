package dev.leakinspector.attach;

import java.io.IOException;

/**
 * A do-nothing program for integration tests to attach to: prints "ready" once it runs, then waits until its
 * stdin closes. Runs on its main thread only.
 */
public final class AttachTarget {

    private AttachTarget() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready");
        System.out.flush();
        // Ends with the test: stdin closes when the test destroys or abandons this process.
        while (System.in.read() >= 0) {
            // keep waiting
        }
    }
}
