package dev.leakinspector.attach;

import java.nio.file.Path;

/**
 * Runs {@link AgentAttacher} from a separate process (so a test can run it as another user) and prints
 * "attached" or the failure's reason and message on one line; with {@code --listed <pid>}, prints whether
 * {@link LocalJvms} lists that pid ("listed" or "not listed"); with {@code --evidence <pid>}, the
 * {@link JvmEvidence} this user has about it. Main thread only.
 */
public final class AttachProbe {

    private AttachProbe() {
    }

    public static void main(String[] args) {
        if (args[0].equals("--evidence")) {
            System.out.println(JvmEvidence.of(Long.parseLong(args[1])));
            return;
        }
        if (args[0].equals("--listed")) {
            System.out.println(LocalJvms.find(Long.parseLong(args[1])).isPresent() ? "listed" : "not listed");
            return;
        }
        try {
            new AgentAttacher(args[2]).attach(Long.parseLong(args[0]), Path.of(args[1]), "version=" + args[2]);
            System.out.println("attached");
        } catch (AttachFailure failure) {
            System.out.println(failure.reason() + " " + failure.getMessage());
        }
    }
}
