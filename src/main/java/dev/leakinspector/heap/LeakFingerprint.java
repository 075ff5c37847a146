package dev.leakinspector.heap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * LeakCanary's leak signature: SHA-1 (hex) of the suspect references of a path, each as
 * "declaring class name + reference name" with array indexes folded to {@code []}, so equal leaks group.
 * Stateless and thread-safe.
 */
public final class LeakFingerprint {
    private LeakFingerprint() {
    }

    /** Fingerprint of the path's suspect steps; the empty string if there are none. */
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
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
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
