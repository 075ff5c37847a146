package dev.leakinspector.attach;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Whether a program's class path holds a jar that bundles JavaFX itself (a "fat" jar, as {@code java -jar app.jar}
 * often runs): its jar names then do not say "javafx", but its entries do. Reading a jar's central directory costs
 * milliseconds; the answer is remembered per jar file, size and modification time, so a list refreshed every few
 * seconds reads each jar once.
 *
 * <p>Thread-safe (the cache is synchronized); it reads files, so not on the JavaFX application thread.
 */
final class BundledJavaFx {
    /** Jars of one class path looked into at most: a class path of hundreds of library jars is not worth it. */
    static final int MAX_JARS = 32;
    private static final int MAX_CACHED = 256;
    private static final Map<String, Boolean> BY_JAR = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_CACHED;
                }
            });

    private BundledJavaFx() {
    }

    /**
     * Whether one of the first {@link #MAX_JARS} jars of {@code classPath} contains JavaFX's scene graph classes.
     * Relative entries are resolved against {@code workingDirectory} (the process's, e.g. {@code /proc/N/cwd}).
     * Jars we may not read count as not bundling it.
     */
    static boolean in(String classPath, Path workingDirectory) {
        if (classPath == null || classPath.isBlank()) {
            return false;
        }
        int jars = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            if (++jars > MAX_JARS) {
                return false;
            }
            Path jar = workingDirectory.resolve(entry);
            if (bundlesJavaFx(jar)) {
                return true;
            }
        }
        return false;
    }

    private static boolean bundlesJavaFx(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                // The class path is the target's, possibly another user's: a FIFO named x.jar would block our open.
                return false;
            }
            String key = jar.toRealPath() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
            Boolean known = BY_JAR.get(key);
            if (known == null) {
                known = hasJavaFxEntries(jar);
                BY_JAR.put(key, known);
            }
            return known;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasJavaFxEntries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("javafx/scene/Node.class") != null;
        }
    }
}
