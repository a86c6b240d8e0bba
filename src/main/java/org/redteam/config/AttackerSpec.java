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
 * @param examples the suite whose attacks {@code few-shot} shows (empty for other strategies and for examples from
 *                 the store)
 * @param shots    how many examples {@code few-shot} shows per attack
 * @param examplesFromStore {@code examples: store}: {@code few-shot} shows the store's submitted attempts rated 3 or
 *                 more (the store of {@code attack --data/--db})
 */
public record AttackerSpec(String id, Strategy strategy, BackendSpec backend, int maxTurns, Optional<Path> examples,
                           int shots, boolean examplesFromStore) {

    /** {@code examples: store}: the value that takes few-shot examples from the store. */
    public static final String EXAMPLES_FROM_STORE = "store";

    /** The least rating of a store attempt a few-shot attacker is shown ({@code examples: store}): "successful". */
    public static final int STORE_EXAMPLES_MIN_RATING = 3;

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
        if (examplesFromStore && examples.isPresent()) {
            throw new IllegalArgumentException("examples come from a suite file or the store, not both");
        }
    }

    /** An attacker whose few-shot examples, if any, are a suite file. */
    public AttackerSpec(String id, Strategy strategy, BackendSpec backend, int maxTurns, Optional<Path> examples, int shots) {
        this(id, strategy, backend, maxTurns, examples, shots, false);
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
