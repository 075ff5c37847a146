package dev.leakinspector.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The java command line of a program that Leak Inspector starts with its agent: the {@code java} launcher and the
 * words after it ({@code -Xmx1g -cp app.jar com.acme.Main --verbose}). Immutable; any thread.
 *
 * <p>Given words are read like this: when the first one names a launcher called {@code java} (a path such as
 * {@code /opt/jdk-25/bin/java}, or just {@code java}, looked up on the {@code PATH}), that launcher runs the
 * program; otherwise every word is the launcher's arguments ({@code -cp build Main}, {@code -jar app.jar}) and the
 * launcher of the JVM running Leak Inspector runs it.
 *
 * @param java      the launcher
 * @param arguments what follows the launcher: JVM options, then {@code -cp … Main}, {@code -jar x.jar} or
 *                  {@code -m module/Main}, then the program's arguments
 */
public record ProgramCommand(String java, List<String> arguments) {
    public ProgramCommand {
        if (java == null || java.isBlank()) {
            throw new IllegalArgumentException("which java launcher runs the program?");
        }
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("which program? give e.g. -jar app.jar, or -cp classes com.acme.Main");
        }
    }

    /** Reads {@code words} as described above, with the launcher of the JVM running Leak Inspector as the default. */
    public static ProgramCommand of(List<String> words) {
        return of(words, currentJava());
    }

    /** Reads {@code words} as described above, with {@code defaultJava} when the first word is no java launcher. */
    static ProgramCommand of(List<String> words, String defaultJava) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("which program? give its java command line, e.g. -jar app.jar");
        }
        if (isJavaLauncher(words.get(0))) {
            return new ProgramCommand(words.get(0), words.subList(1, words.size()));
        }
        return new ProgramCommand(defaultJava, words);
    }

    /** The launcher of the JVM running this code. */
    public static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Whether {@code word} names a launcher: its file name is {@code java} or {@code java.exe}. */
    static boolean isJavaLauncher(String word) {
        String name = word.substring(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1);
        return name.equals("java") || name.equals("java.exe");
    }

    /** The full command with {@code firstOption} right after the launcher, before any option of the user's. */
    public List<String> withFirstOption(String firstOption) {
        List<String> command = new ArrayList<>(arguments.size() + 2);
        command.add(java);
        command.add(firstOption);
        command.addAll(arguments);
        return command;
    }

    /** The command as one line for messages; words with spaces are quoted. */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        words.add(java);
        words.addAll(arguments);
        return String.join(" ", words.stream().map(w -> w.isEmpty() || w.matches(".*[\\s'\"].*")
                ? "'" + w.replace("'", "'\\''") + "'" : w).toList());
    }
}
