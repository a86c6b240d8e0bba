package org.redteam.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One attacker of a campaign ({@code attackers:}): a model behind any backend a target may use, plus the strategy
 * that asks it for attacks (docs/automated.md).
 *
 * @param id       1–64 letters, digits, '.', '_' or '-'; unique among the campaign's attackers
 * @param strategy how the attacker model is asked
 * @param backend  the attacker model's transport
 * @param maxTurns human turns per attack (only {@code multi-turn} takes more than 1)
 * @param examples the suite whose attacks {@code few-shot} shows (present exactly for {@code few-shot})
 * @param shots    how many examples {@code few-shot} shows per attack
 */
public record AttackerSpec(String id, Strategy strategy, BackendSpec backend, int maxTurns, Optional<Path> examples,
                           int shots) {

    public static final int DEFAULT_MAX_TURNS = 3;
    public static final int DEFAULT_SHOTS = 3;

    public AttackerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(examples, "examples");
        if (maxTurns < 1 || shots < 1) {
            throw new IllegalArgumentException("max_turns and shots must be at least 1");
        }
    }

    /** The strategies, by their name in the campaign file. */
    public enum Strategy {
        ZERO_SHOT("zero-shot"), FEW_SHOT("few-shot"), MULTI_TURN("multi-turn");

        private final String key;

        Strategy(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Optional<Strategy> of(String key) {
            return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
        }
    }
}
