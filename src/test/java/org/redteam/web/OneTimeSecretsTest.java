package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.redteam.testing.MutableClock;

class OneTimeSecretsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final OneTimeSecrets<String> secrets = new OneTimeSecrets<>(clock);

    @Test
    void showsASecretOnceAndOnlyToItsOwner() {
        String key = secrets.put("session:a", "tell me how to pick a lock");
        assertThat(secrets.put("session:a", "another")).isNotEqualTo(key).hasSizeGreaterThanOrEqualTo(24);
        assertThat(secrets.take("session:b", key)).isInstanceOf(OneTimeSecrets.Gone.class);
        assertThat(secrets.take("session:a", key)).isEqualTo(new OneTimeSecrets.Secret<>("tell me how to pick a lock"));
        assertThat(secrets.take("session:a", key)).isInstanceOf(OneTimeSecrets.Gone.class);
        assertThat(secrets.take("session:a", "no-such-key")).isInstanceOf(OneTimeSecrets.Gone.class);
    }

    @Test
    void forgetsSecretsAfterTheirLifetimeAndKeepsABoundedNumber() {
        String old = secrets.put("session:a", "old");
        clock.advance(OneTimeSecrets.LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(secrets.take("session:a", old)).isInstanceOf(OneTimeSecrets.Gone.class);

        String first = secrets.put("session:a", "first");
        String last = null;
        for (int i = 0; i < OneTimeSecrets.MAX_KEPT; i++) {
            last = secrets.put("session:a", "n" + i);
        }
        assertThat(secrets.take("session:a", first)).isInstanceOf(OneTimeSecrets.Gone.class);
        assertThat(secrets.take("session:a", last)).isEqualTo(new OneTimeSecrets.Secret<>("n" + (OneTimeSecrets.MAX_KEPT - 1)));
    }
}
