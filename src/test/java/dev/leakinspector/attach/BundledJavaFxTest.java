package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BundledJavaFxTest {

    @TempDir
    Path dir;

    @Test
    void aJarWithJavaFxsSceneGraphBundlesIt() throws Exception {
        jar(dir.resolve("lib.jar"), "com/acme/Lib.class");
        jar(dir.resolve("app.jar"), "com/acme/Main.class", "javafx/scene/Node.class");

        assertTrue(BundledJavaFx.in("lib.jar" + File.pathSeparator + "app.jar", dir), "relative to the directory");
        assertTrue(BundledJavaFx.in(dir.resolve("app.jar").toString(), Path.of("/")), "absolute");
        assertFalse(BundledJavaFx.in("lib.jar", dir));
    }

    @Test
    void directoriesMissingJarsAndEmptyPathsBundleNothing() throws Exception {
        assertFalse(BundledJavaFx.in("classes" + File.pathSeparator + "gone.jar", dir));
        assertFalse(BundledJavaFx.in("", dir));
        assertFalse(BundledJavaFx.in(null, dir));
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        assertFalse(BundledJavaFx.in("broken.jar", dir));
    }

    /** The class path is the target's, possibly another user's: a FIFO named like a jar must not block us. */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a blocked open cannot be interrupted
    void aFifoNamedLikeAJarIsNotOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("trap.jar").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());

        assertFalse(BundledJavaFx.in("trap.jar", dir));
    }

    @Test
    void onlyTheFirstJarsOfALongClassPathAreOpened() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (int i = 0; i < BundledJavaFx.MAX_JARS; i++) {
            classPath.add(jar(dir.resolve("lib" + i + ".jar"), "com/acme/Lib" + i + ".class").getFileName().toString());
        }
        classPath.add(jar(dir.resolve("ui.jar"), "javafx/scene/Node.class").getFileName().toString());

        assertFalse(BundledJavaFx.in(String.join(File.pathSeparator, classPath), dir));
    }

    /** Writes a jar with these (empty) entries. */
    static Path jar(Path file, String... entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.closeEntry();
            }
        }
        return file;
    }
}
