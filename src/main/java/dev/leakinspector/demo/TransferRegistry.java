package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Every live {@link TransferClient}, in a static list so transfers can be listed app-wide; a client
 * leaves it only through {@link TransferClient#invalidate()}. Use on the JavaFX thread.
 */
final class TransferRegistry {
    private static final List<TransferClient> ACTIVE = new ArrayList<>();

    private TransferRegistry() {
    }

    static void register(TransferClient client) {
        ACTIVE.add(client);
    }

    static void unregister(TransferClient client) {
        ACTIVE.remove(client);
    }

    static int size() {
        return ACTIVE.size();
    }
}
