package dev.leakinspector.agent.rules;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.ProtectionDomain;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test-only agent that reads a class's bytes as the JVM would define it now and prints
 * {@code BYTES <sha-256> <length> bridge=<true|false>} on the target's standard output.
 *
 * <p>Why it is loaded anew for every reading: each loaded agent is its own JVMTI environment, and
 * the JVM runs the retransformation hooks of environments in the order they were created. A fresh
 * environment comes after every agent loaded before it (ours included), so its do-nothing
 * transformer sees the class file after all their transformers have had their turn.
 * Runs on the target's attach listener thread.
 */
public final class BytecodeProbe {
    private BytecodeProbe() {
    }

    /** @param className the class to read, loaded by the system class loader */
    public static void agentmain(String className, Instrumentation instrumentation) throws Exception {
        Class<?> type = Class.forName(className, false, ClassLoader.getSystemClassLoader());
        AtomicReference<byte[]> captured = new AtomicReference<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> classBeingRedefined,
                                    ProtectionDomain protectionDomain, byte[] classfileBuffer) {
                if (classBeingRedefined == type) {
                    captured.set(classfileBuffer.clone());
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            instrumentation.retransformClasses(type);
        } finally {
            instrumentation.removeTransformer(capture);
        }
        byte[] bytes = captured.get();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        boolean bridge = new String(bytes, StandardCharsets.ISO_8859_1).contains("dev/leakinspector/agent/rules/RuleBridge");
        System.out.println("BYTES " + hash + " " + bytes.length + " bridge=" + bridge);
        System.out.flush();
    }
}
