package dev.leakinspector.heap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * LeakCanary's leak signature: SHA-1 (hex) of the suspect references of a path, each as
 * "declaring class name + reference name" with array indexes folded to {@code []}, so equal leaks group. A path with
 * no suspect reference still gets one, never an empty string: through a JDK/toolkit hold, of the hold's name and the
 * object's class; otherwise of the root kind and the chain of classes and references from the root to the object.
 * Stateless and thread-safe.
 */
public final class LeakFingerprint {
    private LeakFingerprint() {
    }

    /** Fingerprint of the path's suspect steps, or when it has none of its hold or its shape; never empty. */
    public static String of(RetentionPath path) {
        StringBuilder sb = new StringBuilder();
        List<PathStep> steps = path.steps();
        for (int i = 0; i < steps.size(); i++) {
            PathStep s = steps.get(i);
            if (!s.suspect()) {
                continue;
            }
            String holder = i == 0 ? "" : steps.get(i - 1).className();
            sb.append(fold(holder)).append('#').append(fold(s.reference())).append('\n');
        }
        if (sb.length() == 0) {
            sb.append(fallbackSignature(path));
        }
        return sha1(sb.toString());
    }

    /**
     * The signature of a path without suspect references: "hold:" and the hold's name with the object's class, or
     * "path:" with the root kind and each step's folded class and reference. Equal shapes give equal signatures.
     */
    static String fallbackSignature(RetentionPath path) {
        List<PathStep> steps = path.steps();
        String target = steps.isEmpty() ? "" : fold(steps.get(steps.size() - 1).className());
        if (path.libraryHold().isPresent()) {
            return "hold:" + path.libraryHold().get().name() + "\n" + target + "\n";
        }
        StringBuilder sb = new StringBuilder("path:").append(path.rootKind().name()).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            PathStep s = steps.get(i);
            sb.append(i == 0 ? "" : fold(s.reference())).append('>').append(fold(s.className())).append('\n');
        }
        return sb.toString();
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    /** {@code Object[12]} becomes {@code Object[]}; lambda class suffixes are folded too. */
    static String fold(String reference) {
        return reference.replaceAll("\\[\\d+]", "[]").replaceAll("\\$\\$Lambda\\$[0-9]+[/+.]0x[0-9a-f]+", "\\$\\$Lambda");
    }
}
