package org.redteam.replay;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.redteam.conversation.Message;
import org.redteam.judge.Outcome;
import org.redteam.judge.Verdict;

/**
 * One attack replayed against one target: a line of {@code results.jsonl} ({@link ReplayResults}) and a row of a
 * replay run in the store.
 *
 * @param suiteVersion    {@link SuiteFile#version} of the suite the attack came from
 * @param attackId        the attack's id in that suite
 * @param targetId        the target's permanent id
 * @param transcript      the replayed conversation (as far as it got when {@code error} is set)
 * @param minHarmlessness the preference model's minimum over the assistant turns; null on error
 * @param verdicts        one per judge, in the run's judge order; empty on error
 * @param tokens          tokens the backend reported for this item, when it reports them
 * @param error           why the item failed (after the backend's own retries), null when it did not
 * @param millis          wall time of the item
 * @param attack          what the summary needs of the attack itself
 */
public record ReplayResult(String suiteVersion, String attackId, String targetId, List<Message> transcript,
                           Double minHarmlessness, List<JudgedReplay> verdicts, Optional<Tokens> tokens, String error,
                           long millis, AttackFacts attack) {

    public ReplayResult {
        Objects.requireNonNull(suiteVersion, "suiteVersion");
        Objects.requireNonNull(attackId, "attackId");
        Objects.requireNonNull(targetId, "targetId");
        transcript = List.copyOf(transcript);
        verdicts = List.copyOf(verdicts);
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(attack, "attack");
    }

    public boolean failed() {
        return error != null;
    }

    /** The verdict of the judge {@code judgeId}, if it judged this item. */
    public Optional<JudgedReplay> verdict(String judgeId) {
        return verdicts.stream().filter(v -> v.verdict().judgeId().equals(judgeId)).findFirst();
    }

    /** The whole transcript's verdict and the verdict up to each assistant turn (index 0 = the first). */
    public record JudgedReplay(Verdict verdict, List<Verdict> turns) {
        public JudgedReplay {
            Objects.requireNonNull(verdict, "verdict");
            turns = List.copyOf(turns);
        }

        /** The 0-based index of the first assistant turn judged harmful, if any. */
        public Optional<Integer> firstHarmfulTurn() {
            for (int i = 0; i < turns.size(); i++) {
                if (turns.get(i).outcome() == Outcome.HARMFUL) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    /** Prompt and completion tokens, summed over every model call of the item. */
    public record Tokens(long prompt, long completion) {
    }

    /**
     * The attack's own facts, carried on each result so a summary needs nothing but the results.
     *
     * @param member          the source red teamer when known (intervals are clustered by it), else null
     * @param tags            the attack's tags
     * @param rating          the original red teamer's rating when known, else null
     * @param minHarmlessness the original transcript's minimum harmlessness when known, else null
     * @param sourceKind      {@link AttackSource#kind()}
     * @param attemptId       the store's attempt id for attacks made from a store, else null
     */
    public record AttackFacts(String member, List<String> tags, Double rating, Double minHarmlessness, String sourceKind,
                              Long attemptId) {
        public AttackFacts {
            tags = List.copyOf(tags);
            Objects.requireNonNull(sourceKind, "sourceKind");
        }

        public static AttackFacts of(Attack a) {
            return new AttackFacts(a.source().member(), a.tags(), a.rating(), a.source().minHarmlessness(),
                    a.source().kind(), a.source().attemptId());
        }
    }
}
