package org.redteam.attempt;

import java.security.SecureRandom;
import java.time.Instant;
import org.redteam.problem.BackendUnavailableException;

/**
 * A model call that failed while a red teamer waited for a turn. The red teamer is told only that the
 * assistant is unavailable and the {@code code}; admins read the rest.
 *
 * @param code      what the red teamer quotes, "inc-" + 10 random characters (not guessable, so codes
 *                  reveal nothing about how many incidents there were)
 * @param targetId  the target's permanent id
 * @param failure   how it failed: 502, 503 or 504 on the API
 * @param detail    the failure as the backend client worded it: target, backend, upstream status and the
 *                  start of its body (API keys masked). Never shown to red teamers.
 */
public record Incident(String code, Instant occurredAt, long attemptId, long workerId, String workerName, String targetId,
                       BackendUnavailableException.Failure failure, String detail) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** A new incident code: "inc-" and 10 characters without look-alikes (about 49 bits). */
    static String newCode() {
        StringBuilder code = new StringBuilder("inc-");
        for (int i = 0; i < 10; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
