package dev.leakinspector;

/** Entry point of {@code leak-inspector.jar}; dispatches to the command line. Runs on the main thread. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Leak Inspector");
    }
}
