package dev.leakinspector.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How {@code run}'s words after {@code --} are read: a java launcher first, or only the launcher's arguments. */
class ProgramCommandTest {

    @Test
    void aFirstWordNamedJavaIsTheLauncherAnyOtherIsAnArgumentOfOurs() {
        assertEquals(new ProgramCommand("/opt/jdk-25/bin/java", List.of("-jar", "app.jar")),
                ProgramCommand.of(List.of("/opt/jdk-25/bin/java", "-jar", "app.jar"), "ours"));
        assertEquals(new ProgramCommand("java", List.of("-cp", "x", "Main")),
                ProgramCommand.of(List.of("java", "-cp", "x", "Main"), "ours"));
        assertEquals(new ProgramCommand("ours", List.of("-cp", "x", "Main")),
                ProgramCommand.of(List.of("-cp", "x", "Main"), "ours"));
        assertEquals(new ProgramCommand("ours", List.of("com.acme.Main")), ProgramCommand.of(List.of("com.acme.Main"), "ours"));
        assertEquals(new ProgramCommand("ours", List.of("/usr/bin/javac", "x")),
                ProgramCommand.of(List.of("/usr/bin/javac", "x"), "ours"), "javac is no launcher");
    }

    @Test
    void theAgentComesRightAfterTheLauncherBeforeTheUsersOptions() {
        assertEquals(List.of("java", "@args", "-Xmx1g", "-jar", "app.jar"),
                new ProgramCommand("java", List.of("-Xmx1g", "-jar", "app.jar")).withFirstOption("@args"));
    }

    @Test
    void nothingToRunIsRefused() {
        assertEquals("which program? give its java command line, e.g. -jar app.jar",
                assertThrows(IllegalArgumentException.class, () -> ProgramCommand.of(List.of(), "ours")).getMessage());
        assertEquals("which program? give e.g. -jar app.jar, or -cp classes com.acme.Main",
                assertThrows(IllegalArgumentException.class, () -> ProgramCommand.of(List.of("java"), "ours")).getMessage());
    }

    @Test
    void anArgumentFileWordKeepsSpacesQuotesAndBackslashes() {
        assertEquals("\"-javaagent:/tmp/my dir/a\\\\b\\\"c.jar=port=1\"",
                LaunchedProgram.quoted("-javaagent:/tmp/my dir/a\\b\"c.jar=port=1"));
    }
}
