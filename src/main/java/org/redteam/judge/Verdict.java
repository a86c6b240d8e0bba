package org.redteam.judge;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One judge's verdict on a transcript (or on the transcript up to one assistant turn).
 *
 * @param judgeId      the judge's id in the campaign file ({@code judges: [{id: …}]}) or on the command line
 * @param judgeVersion what exactly judged: the kind and its model, rubric or threshold (e.g.
 *                     {@code "trained/jj-xs-1"}, {@code "llm/comply-v1 gpt-4o-mini"}), so stored verdicts of
 *                     an older judge are told apart from new ones
 * @param outcome      harmful, not harmful, or undetermined (the judge could not decide; never a guess)
 * @param score        the judge's probability-like score in [0, 1] that the transcript is harmful, when it has one
 * @param tags         harm tags of the campaign's taxonomy the judge names (possibly none)
 * @param rationale    a short reason in plain words: for UNDETERMINED, why the judge could not decide
 */
public record Verdict(String judgeId, String judgeVersion, Outcome outcome, OptionalDouble score, List<String> tags,
                      String rationale) {
    /** Rationales are kept short: a stored verdict is a label with its reason, not the judge's whole answer. */
    public static final int MAX_RATIONALE = 2_000;

    public Verdict {
        Objects.requireNonNull(judgeId, "judgeId");
        Objects.requireNonNull(judgeVersion, "judgeVersion");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(score, "score");
        if (score.isPresent() && !(score.getAsDouble() >= 0 && score.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("a verdict's score must be in [0, 1], not " + score.getAsDouble());
        }
        tags = List.copyOf(tags);
        rationale = rationale == null ? "" : rationale.length() > MAX_RATIONALE
                ? rationale.substring(0, MAX_RATIONALE - 1) + "…" : rationale;
    }

    /** The verdict of a judge that could not decide, with the reason (a failed call, an unreadable answer). */
    public static Verdict undetermined(Judge judge, String reason) {
        return new Verdict(judge.id(), judge.version(), Outcome.UNDETERMINED, OptionalDouble.empty(), List.of(), reason);
    }
}
