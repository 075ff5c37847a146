package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PlainTarget;
import dev.leakinspector.testing.TargetProcess;

import java.nio.file.Files;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Lists real spawned JVMs and checks what is learned about them without attaching. */
@Timeout(60)
class LocalJvmsIT {

    @TempDir
    Path dir;

    private SpawnedProcesses processes;

    @BeforeEach
    void setUp() {
        processes = new SpawnedProcesses(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        processes.destroyAll();
    }

    @Test
    void listsAJava25TargetWithItsVersionAndMainClass() throws Exception {
        assumeTrue(Files.isExecutable(SpawnedProcesses.JAVA_25),
                "no Temurin 25 at " + SpawnedProcesses.JAVA_25 + ": the Java 25 target cannot be tested here");
        Process target = processes.target(SpawnedProcesses.JAVA_25);

        LocalJvm jvm = LocalJvms.find(target.pid()).orElseThrow();

        assertTrue(jvm.javaVersion().startsWith("25"), jvm.javaVersion());
        assertEquals(AttachTarget.class.getName(), jvm.displayName());
        assertTrue(jvm.attachable());
        assertFalse(jvm.isCurrentProcess());
    }

    @Test
    void tellsJavaFxOnTheClassPathWithoutAttaching() throws Exception {
        Process withoutJavaFx = processes.target(SpawnedProcesses.JAVA_17);
        assertEquals("", LocalJvms.find(withoutJavaFx.pid()).orElseThrow().toolkitHint());

        // The test class path names the JavaFX jars.
        try (TargetProcess withJavaFx = TargetProcess.start(Jdks.current(), List.of(), PlainTarget.class.getName())) {
            withJavaFx.awaitLineStartingWith("READY", Duration.ofSeconds(30));
            assertEquals("JavaFX", LocalJvms.find(withJavaFx.pid()).orElseThrow().toolkitHint());
        }
    }

    /** A fat jar (what {@code java -jar app.jar} runs) does not name JavaFX, but its entries do. */
    @Test
    void tellsJavaFxBundledInAJarOnTheClassPath() throws Exception {
        BundledJavaFxTest.jar(dir.resolve("shop.jar"), "javafx/scene/Node.class");
        // Relative, as a program started from its own directory names it: resolved against the process's directory.
        Process target = processes.target(List.of(SpawnedProcesses.JAVA_17.toString()),
                "shop.jar" + File.pathSeparator + SpawnedProcesses.testClasses(), dir);

        assertEquals("JavaFX", LocalJvms.find(target.pid()).orElseThrow().toolkitHint());
    }

    @Test
    void marksAJvmThatDisabledAttachAsNotAttachable() throws Exception {
        Process target = processes.target(SpawnedProcesses.JAVA_17, "-XX:+DisableAttachMechanism");

        LocalJvm jvm = LocalJvms.find(target.pid()).orElseThrow();

        assertFalse(jvm.attachable());
        assertTrue(jvm.javaVersion().startsWith("17"), jvm.javaVersion());
    }
}
