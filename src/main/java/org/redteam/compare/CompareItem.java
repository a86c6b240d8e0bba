package org.redteam.compare;

import java.util.List;
import java.util.Objects;
import org.redteam.judge.Outcome;

/**
 * One judged attack on one target, from either side.
 *
 * @param source    human or automated
 * @param attack    the attack's key within its source: the same attack on several targets shares it (diversity and
 *                  novelty count each attack once)
 * @param target    the target's key: {@code model_type/num_params} for people, the target id for automated runs
 * @param member    the red teamer (people) or attacker; bootstrap clusters are members for people, attacks otherwise
 * @param firstTurn the first human turn, what is embedded and grouped into templates
 * @param tags      the attack's tags
 * @param outcome   the judge's verdict on the whole transcript
 * @param turns     the judge's verdict up to each assistant turn, in order (empty when unknown)
 * @param tokens    prompt + completion tokens the item used, null when not reported
 */
public record CompareItem(Source source, String attack, String target, String member, String firstTurn, List<String> tags,
                          Outcome outcome, List<Outcome> turns, Long tokens) {

    public enum Source {
        HUMAN, AUTOMATED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CompareItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(firstTurn, "firstTurn");
        Objects.requireNonNull(outcome, "outcome");
        tags = tags == null ? List.of() : List.copyOf(tags);
        turns = List.copyOf(turns);
    }
}
