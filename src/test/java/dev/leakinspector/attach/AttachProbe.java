package dev.leakinspector.attach;

import java.nio.file.Path;

/**
 * Runs {@link AgentAttacher} from a separate process (so a test can run it as another user) and prints
 * "attached" or the failure's reason and message on one line. Main thread only.
 */
public final class AttachProbe {

    private AttachProbe() {
    }

    public static void main(String[] args) {
        try {
            new AgentAttacher(args[2]).attach(Long.parseLong(args[0]), Path.of(args[1]), "version=" + args[2]);
            System.out.println("attached");
        } catch (AttachFailure failure) {
            System.out.println(failure.reason() + " " + failure.getMessage());
        }
    }
}
