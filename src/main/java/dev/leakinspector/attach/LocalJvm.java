package dev.leakinspector.attach;

/**
 * One Java virtual machine running on this machine, as {@link LocalJvms} found it without attaching.
 * Immutable; safe to share between threads.
 *
 * @param pid         operating-system process id
 * @param displayName main class or jar, never blank ("pid N" when unknown)
 * @param javaVersion the target's {@code java.version}, or "" when unknown (e.g. {@code -XX:-UsePerfData})
 * @param attachable  whether the JVM accepts the Attach API (false for {@code -XX:+DisableAttachMechanism}
 *                    and for our own process unless self-attach is allowed)
 * @param toolkitHint "JavaFX" when its class path or module path names JavaFX jars or a jar on it bundles JavaFX,
 *                    else "": all that is cheap to learn without attaching (Swing is part of every JDK, so nothing
 *                    shows it)
 * @param arguments   the program's arguments after its main class or jar, or "": they often tell two runs of one
 *                    program apart ({@code app.jar --profile test})
 */
public record LocalJvm(long pid, String displayName, String javaVersion, boolean attachable, String toolkitHint,
                       String arguments) {

    public LocalJvm {
        toolkitHint = toolkitHint == null ? "" : toolkitHint;
        arguments = arguments == null ? "" : arguments.strip();
    }

    /** Without a toolkit hint or arguments. */
    public LocalJvm(long pid, String displayName, String javaVersion, boolean attachable) {
        this(pid, displayName, javaVersion, attachable, "", "");
    }

    /** The display name followed by the arguments, as a list shows a program. */
    public String nameWithArguments() {
        return arguments.isEmpty() ? displayName : displayName + " " + arguments;
    }

    /** Whether this is the process Leak Inspector itself runs in. */
    public boolean isCurrentProcess() {
        return pid == ProcessHandle.current().pid();
    }
}
