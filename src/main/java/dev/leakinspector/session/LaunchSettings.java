package dev.leakinspector.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the app's Launch dialog asks for, as the user typed it, and the {@link ProgramCommand} it makes; remembered
 * between runs in {@code launch.properties} beside the sessions folder, private like the sessions (folder 0700, file
 * 0600). Immutable; any thread (file I/O: not on a UI thread).
 *
 * @param java       the {@code java} launcher; blank for the one running Leak Inspector
 * @param program    a jar ({@code app.jar}, run with {@code -jar}), a main class ({@code com.acme.Main}), or, with a
 *                   module path, {@code module/com.acme.Main} (run with {@code -m})
 * @param classPath  for a main class: its class path ({@code -cp}), entries separated by the system's separator
 * @param modulePath its module path ({@code --module-path}); may be blank
 * @param arguments  the program's arguments, split like a shell does (quotes group words)
 * @param jvmOptions options for its JVM ({@code -Xmx1g -Dfoo=bar}), split the same way
 */
public record LaunchSettings(String java, String program, String classPath, String modulePath, String arguments,
                             String jvmOptions) {
    public static final String FILE_NAME = "launch.properties";
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern MODULE_AND_CLASS = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_.]*/" + CLASS_NAME.pattern());

    public LaunchSettings {
        java = strip(java);
        program = strip(program);
        classPath = strip(classPath);
        modulePath = strip(modulePath);
        arguments = strip(arguments);
        jvmOptions = strip(jvmOptions);
    }

    /** Nothing filled in yet. */
    public static LaunchSettings empty() {
        return new LaunchSettings("", "", "", "", "", "");
    }

    /**
     * The java command line these settings describe: launcher, JVM options, {@code --module-path}, {@code -cp}, then
     * {@code -jar}, {@code -m} or the main class, then the arguments.
     *
     * @throws IllegalArgumentException with a sentence for the user saying which field is wrong and why
     */
    public ProgramCommand command() {
        String launcher = java.isEmpty() ? ProgramCommand.currentJava() : java;
        if (!java.isEmpty() && !Files.isExecutable(Path.of(java))) {
            throw new IllegalArgumentException("Java launcher: " + java + " is not an executable file.");
        }
        List<String> words = new ArrayList<>();
        for (String option : split(jvmOptions, "JVM options")) {
            if (!option.startsWith("-")) {
                throw new IllegalArgumentException("JVM options: '" + option + "' is not an option (options start with -);"
                        + " put the program's own arguments under Arguments.");
            }
            words.add(option);
        }
        if (!modulePath.isEmpty()) {
            words.add("--module-path");
            words.add(modulePath);
        }
        if (!classPath.isEmpty()) {
            words.add("-cp");
            words.add(classPath);
        }
        if (program.isEmpty()) {
            throw new IllegalArgumentException("Jar or main class: say which program to start, e.g. app.jar or com.acme.Main.");
        }
        if (program.endsWith(".jar")) {
            if (!Files.isRegularFile(Path.of(program))) {
                throw new IllegalArgumentException("Jar or main class: " + Path.of(program).toAbsolutePath()
                        + " does not exist.");
            }
            words.add("-jar");
            words.add(program);
        } else if (MODULE_AND_CLASS.matcher(program).matches()) {
            if (modulePath.isEmpty()) {
                throw new IllegalArgumentException("Module path: " + program + " names a module; give the module path too.");
            }
            words.add("-m");
            words.add(program);
        } else if (CLASS_NAME.matcher(program).matches()) {
            words.add(program);
        } else {
            throw new IllegalArgumentException("Jar or main class: '" + program + "' is neither a .jar file nor a class"
                    + " name like com.acme.Main.");
        }
        words.addAll(split(arguments, "Arguments"));
        return new ProgramCommand(launcher, words);
    }

    /** A short name for the program: the jar's file name, or the main class's simple name. */
    public String displayName() {
        if (program.endsWith(".jar")) {
            return Path.of(program).getFileName().toString();
        }
        return program.substring(program.lastIndexOf('.') + 1);
    }

    /**
     * Splits {@code text} into words at white space, as a shell does: {@code "…"} and {@code '…'} keep spaces in a word,
     * a backslash outside single quotes keeps the next character as it is.
     *
     * @throws IllegalArgumentException naming {@code field} when a quote is not closed
     */
    static List<String> split(String text, String field) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
                inWord = true;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(field + ": a " + (quote == '"' ? "double" : "single")
                    + " quote is not closed.");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Where the settings are remembered for sessions saved in {@code sessionDirectory}: beside that folder. */
    public static Path fileFor(Path sessionDirectory) {
        return sessionDirectory.toAbsolutePath().normalize().resolveSibling(FILE_NAME);
    }

    /**
     * The remembered settings, or {@link #empty()} when nothing was remembered yet.
     *
     * @throws IOException when the file exists but cannot be read (or is a link: it is never followed)
     */
    public static LaunchSettings load(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link; not reading it");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
             Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException never) {
            return empty();
        }
        return new LaunchSettings(properties.getProperty("java", ""), properties.getProperty("program", ""),
                properties.getProperty("classPath", ""), properties.getProperty("modulePath", ""),
                properties.getProperty("arguments", ""), properties.getProperty("jvmOptions", ""));
    }

    /**
     * Remembers these settings in {@code file}: written aside, only readable by the user, then moved over the old
     * file, so a crash never leaves half a file.
     */
    public void save(Path file) throws IOException {
        Path folder = file.toAbsolutePath().normalize().getParent();
        PrivateFiles.ensureDirectory(folder);
        Properties properties = new Properties();
        properties.setProperty("java", java);
        properties.setProperty("program", program);
        properties.setProperty("classPath", classPath);
        properties.setProperty("modulePath", modulePath);
        properties.setProperty("arguments", arguments);
        properties.setProperty("jvmOptions", jvmOptions);
        Path aside = folder.resolve(FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = PrivateFiles.createFile(aside);
                 OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                properties.store(writer, "Leak Inspector: the program the Launch dialog starts");
            }
            try {
                Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
