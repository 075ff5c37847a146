package dev.leakinspector.demo;

/** Receives a {@link TransferClient}'s progress, as an iOS URLSession delegate would. Called on the JavaFX thread. */
interface TransferDelegate {
    void transferProgressed(String file, int percent);
}
