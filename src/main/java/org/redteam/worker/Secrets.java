package org.redteam.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets (API tokens, invite links, session ids, CSRF tokens) and their stored form.
 *
 * <p>Every secret is 256 bits from {@link SecureRandom}; only its SHA-256 hash (JDK
 * {@link MessageDigest}) is stored. A slow password hash (bcrypt, Argon2) protects low-entropy
 * human passwords against guessing; against a 256-bit random value guessing is already hopeless,
 * and a fast hash keeps every authenticated request cheap. The platform has no passwords.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new URL-safe secret with the given prefix, e.g. {@code rt_…} for API tokens. */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of a secret: lowercase hex SHA-256 of its UTF-8 bytes. */
    public static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** A short code a crowd worker types or pastes back into MTurk/Prolific: 10 characters, no look-alikes. */
    public static String completionCode() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder code = new StringBuilder("RT-");
        for (int i = 0; i < 10; i++) {
            code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
