package org.redteam.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One-time secrets (a new worker's invite link and API token, a reissued link) kept in this server's memory
 * between a form's POST and the GET it redirects to (post/redirect/get): keyed by a random id, readable only by
 * the session that made them, shown once, forgotten after {@link #LIFETIME}. A taken key is remembered (without
 * its secret) until then, so a reload can say the secret was shown already.
 *
 * @param <T> what is shown
 */
final class OneTimeSecrets<T> {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** At most this many kept at once; the oldest go first. */
    static final int MAX_KEPT = 1000;

    /** What a GET of a key finds. */
    sealed interface Found<T> permits Secret, Gone {
    }

    /** The secret, shown now for the only time. */
    record Secret<T>(T value) implements Found<T> {
    }

    /** Shown already, expired, or never made by this session. */
    record Gone<T>() implements Found<T> {
    }

    private record Entry<T>(String owner, Instant made, Optional<T> value) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Entry<T>> kept = new LinkedHashMap<>();

    OneTimeSecrets(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code value} for {@code owner} (a session); returns the key for the redirect's URL. */
    synchronized String put(String owner, T value) {
        prune();
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        kept.put(key, new Entry<>(owner, clock.instant(), Optional.of(value)));
        return key;
    }

    /** The secret the first time its owner asks; {@link Gone} after that, for others, and for unknown keys. */
    synchronized Found<T> take(String owner, String key) {
        prune();
        Entry<T> entry = kept.get(key);
        if (entry == null || !entry.owner().equals(owner) || entry.value().isEmpty()) {
            return new Gone<>();
        }
        kept.put(key, new Entry<>(owner, entry.made(), Optional.empty()));
        return new Secret<>(entry.value().get());
    }

    private void prune() {
        Instant oldest = clock.instant().minus(LIFETIME);
        kept.values().removeIf(e -> e.made().isBefore(oldest));
        var keys = kept.keySet().iterator();
        while (kept.size() >= MAX_KEPT && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
