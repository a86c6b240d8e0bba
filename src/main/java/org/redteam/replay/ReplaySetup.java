package org.redteam.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.redteam.judge.Judge;
import org.redteam.problem.InvalidInputException;
import org.redteam.scoring.PreferenceModel;
import org.redteam.target.Target;

/**
 * What a replay runs with, built by the composition root from a campaign file: the campaign's targets (their
 * rejection sampling ranking with the campaign's preference model), that preference model, and the judges (the
 * campaign's {@code judges:}, or the shipped trained judge when it names none).
 */
public record ReplaySetup(List<Target> targets, PreferenceModel preferenceModel, List<Judge> judges) {

    /** The id of the shipped trained judge when the campaign names no judge. */
    public static final String DEFAULT_JUDGE = "trained";

    public ReplaySetup {
        targets = List.copyOf(targets);
        Objects.requireNonNull(preferenceModel, "preferenceModel");
        judges = List.copyOf(judges);
        if (targets.isEmpty() || judges.isEmpty()) {
            throw new InvalidInputException("a replay needs at least one target and one judge");
        }
    }

    /**
     * Only the targets and judges named, in the order named; an empty list keeps them all. An unknown id is an
     * {@link InvalidInputException} naming it and the ids there are.
     */
    public ReplaySetup select(List<String> targetIds, List<String> judgeIds) {
        return new ReplaySetup(pick("--targets", "target", targets, Target::id, targetIds), preferenceModel,
                pick("--judge", "judge", judges, Judge::id, judgeIds));
    }

    private static <T> List<T> pick(String option, String what, List<T> all, java.util.function.Function<T, String> id,
                                    List<String> wanted) {
        if (wanted.isEmpty()) {
            return all;
        }
        List<T> chosen = new ArrayList<>();
        for (String w : wanted) {
            T found = all.stream().filter(t -> id.apply(t).equals(w)).findFirst().orElseThrow(() -> new InvalidInputException(
                    option + ": no " + what + " '" + w + "'; there are: " + all.stream().map(id).collect(Collectors.joining(", "))));
            if (!chosen.contains(found)) {
                chosen.add(found);
            }
        }
        return chosen;
    }
}
