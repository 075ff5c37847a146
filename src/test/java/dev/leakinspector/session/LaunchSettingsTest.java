package dev.leakinspector.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Launch dialog's fields turned into a java command line, and remembered privately. */
class LaunchSettingsTest {
    private static final String JAVA = ProgramCommand.currentJava();

    private static String refused(LaunchSettings settings) {
        return assertThrows(IllegalArgumentException.class, settings::command).getMessage();
    }

    @Test
    void aMainClassWithClassPathOptionsAndQuotedArguments() {
        LaunchSettings settings = new LaunchSettings("", " com.acme.Main ", "build/classes:lib/*", "",
                "--open \"my file.txt\" 'a \"b\"' c\\ d", "-Xmx1g -Dapp.mode=dev");
        assertEquals(new ProgramCommand(JAVA, List.of("-Xmx1g", "-Dapp.mode=dev", "-cp", "build/classes:lib/*",
                "com.acme.Main", "--open", "my file.txt", "a \"b\"", "c d")), settings.command());
        assertEquals("Main", settings.displayName());
    }

    @Test
    void aJarRunsWithDashJarAndAModuleWithDashM(@TempDir Path temp) throws Exception {
        Path jar = Files.createFile(temp.resolve("app.jar"));
        assertEquals(List.of("-jar", jar.toString(), "x"),
                new LaunchSettings("", jar.toString(), "", "", "x", "").command().arguments());
        assertEquals("app.jar", new LaunchSettings("", jar.toString(), "", "", "", "").displayName());
        assertEquals(List.of("--module-path", "mods", "-m", "com.acme/com.acme.Main"),
                new LaunchSettings("", "com.acme/com.acme.Main", "", "mods", "", "").command().arguments());
    }

    @Test
    void eachWrongFieldIsNamedWithTheReason(@TempDir Path temp) {
        assertEquals("Jar or main class: say which program to start, e.g. app.jar or com.acme.Main.",
                refused(LaunchSettings.empty()));
        assertEquals("Jar or main class: " + temp.resolve("gone.jar") + " does not exist.",
                refused(new LaunchSettings("", temp.resolve("gone.jar").toString(), "", "", "", "")));
        assertEquals("Jar or main class: 'com acme' is neither a .jar file nor a class name like com.acme.Main.",
                refused(new LaunchSettings("", "com acme", "", "", "", "")));
        assertEquals("Module path: m/com.acme.Main names a module; give the module path too.",
                refused(new LaunchSettings("", "m/com.acme.Main", "", "", "", "")));
        assertEquals("JVM options: 'foo' is not an option (options start with -); put the program's own arguments"
                + " under Arguments.", refused(new LaunchSettings("", "Main", "", "", "", "-Xmx1g foo")));
        assertEquals("Arguments: a double quote is not closed.",
                refused(new LaunchSettings("", "Main", "", "", "\"open", "")));
        assertEquals("Java launcher: " + temp + "/java is not an executable file.",
                refused(new LaunchSettings(temp + "/java", "Main", "", "", "", "")));
    }

    @Test
    void rememberedInAPrivateFileBesideTheSessionsAndReadBack(@TempDir Path temp) throws Exception {
        Path file = LaunchSettings.fileFor(temp.resolve("data").resolve("sessions"));
        assertEquals(temp.resolve("data").resolve(LaunchSettings.FILE_NAME), file);
        assertEquals(LaunchSettings.empty(), LaunchSettings.load(file), "nothing remembered yet");

        LaunchSettings settings = new LaunchSettings(JAVA, "com.acme.Main", "a:b", "m", "--x \"y z\" ü", "-Xmx1g");
        settings.save(file);
        new LaunchSettings("", "Other", "", "", "", "").save(file);
        settings.save(file);

        assertEquals(settings, LaunchSettings.load(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "nothing written aside is left");
        }
    }
}
