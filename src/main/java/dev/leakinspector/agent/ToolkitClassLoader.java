package dev.leakinspector.agent;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads one of our toolkit triggers (compiled against the toolkit's API) so that it links against
 * the toolkit classes the target <em>actually loaded</em>, from whichever loader loaded them (class
 * path, module path, or a custom loader), while still seeing the agent's own classes.
 *
 * <p>Delegation: our trigger package is defined here, from the agent's class bytes (child first);
 * the toolkit's packages go to the toolkit's loader; everything else to the agent's loader. One
 * instance per session and toolkit, dropped on detach so its classes can be unloaded. Thread-safe
 * (parallel capable through {@link ClassLoader}'s per-name locks).
 */
final class ToolkitClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final ClassLoader toolkitLoader;
    private final String triggerPackagePrefix;
    private final String[] toolkitPackagePrefixes;

    /**
     * @param toolkitLoader the loader of the target's toolkit classes; null for the boot loader
     * @param triggerPackagePrefix e.g. {@code dev.leakinspector.agent.fx.}
     * @param toolkitPackagePrefixes e.g. {@code javafx.}
     */
    ToolkitClassLoader(ClassLoader agentLoader, ClassLoader toolkitLoader, String triggerPackagePrefix,
                       String... toolkitPackagePrefixes) {
        super("leak-inspector-" + triggerPackagePrefix, agentLoader);
        this.toolkitLoader = toolkitLoader != null ? toolkitLoader : ClassLoader.getPlatformClassLoader();
        this.triggerPackagePrefix = triggerPackagePrefix;
        this.toolkitPackagePrefixes = toolkitPackagePrefixes.clone();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (name.startsWith(triggerPackagePrefix)) {
                    loaded = defineFromAgent(name);
                } else if (isToolkitClass(name)) {
                    loaded = Class.forName(name, false, toolkitLoader);
                } else {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private boolean isToolkitClass(String name) {
        for (String prefix : toolkitPackagePrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Class<?> defineFromAgent(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
