package org.redteam.attack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.redteam.backend.ModelBackend;
import org.redteam.config.AttackerSpec;
import org.redteam.problem.InvalidInputException;
import org.redteam.replay.SuiteFile;

/** The one factory of attackers: a campaign's {@link AttackerSpec} and its model's backend make one strategy class. */
public final class Attackers {
    private Attackers() {
    }

    /**
     * @param turns the human turns per attack of a {@code multi-turn} attacker ({@code --turns}, else its
     *              {@code max_turns}); other strategies take only 1
     */
    public static Attacker create(AttackerSpec spec, ModelBackend backend, int turns) {
        return create(spec, backend, turns, () -> {
            throw new InvalidInputException("attacker " + spec.id() + ": examples: store needs a store (--data or --db)");
        });
    }

    /**
     * As {@link #create(AttackerSpec, ModelBackend, int)}; a few-shot attacker with {@code examples: store} is shown
     * {@code storeExamples} (first messages of successful attempts, asked for only then).
     */
    public static Attacker create(AttackerSpec spec, ModelBackend backend, int turns, Supplier<List<String>> storeExamples) {
        AttackerModel model = new AttackerModel(spec.id(), backend);
        if (turns < 1) {
            throw new InvalidInputException("--turns must be at least 1, not " + turns);
        }
        if (turns > 1 && spec.strategy() != AttackerSpec.Strategy.MULTI_TURN) {
            throw new InvalidInputException("--turns " + turns + ": attacker " + spec.id() + " is "
                    + spec.strategy().key() + ", which writes one turn; only multi-turn attackers take more");
        }
        return switch (spec.strategy()) {
            case ZERO_SHOT -> new ZeroShotAttacker(model);
            case FEW_SHOT -> new FewShotAttacker(model, spec.examplesFromStore() ? fromStore(spec, storeExamples)
                    : examples(spec.examples().orElseThrow(() -> new InvalidInputException("attacker " + spec.id()
                    + ": few-shot needs examples: a suite file or store")), spec.id()), spec.shots());
            case MULTI_TURN -> new MultiTurnAttacker(model, turns);
        };
    }

    private static List<String> fromStore(AttackerSpec spec, Supplier<List<String>> storeExamples) {
        List<String> examples = storeExamples.get();
        if (examples.isEmpty()) {
            throw new InvalidInputException("attacker " + spec.id() + ": the store has no submitted attempt rated "
                    + AttackerSpec.STORE_EXAMPLES_MIN_RATING + " or more to show (examples: store)");
        }
        return examples;
    }

    /** The first human message of every attack of a suite, in order; the attacker's {@code examples:} must exist. */
    static List<String> examples(Path suite, String attacker) {
        if (!Files.isRegularFile(suite)) {
            throw new InvalidInputException("attacker " + attacker + ": examples: no such file: " + suite
                    + " (make it with suite create --min-rating 3)");
        }
        List<String> firsts = new ArrayList<>();
        try (SuiteFile.Reader reader = SuiteFile.open(suite)) {
            reader.forEachRemaining(a -> firsts.add(a.turns().get(0)));
        }
        if (firsts.isEmpty()) {
            throw new InvalidInputException(suite + " has no attack to show a few-shot attacker");
        }
        return firsts;
    }
}
