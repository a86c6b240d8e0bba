package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import java.util.List;

/**
 * The harmlessness preference model: an unbounded, logit-like score, higher = more harmless (the
 * paper's sign; released scores run from about −7.5 to +6.6). For two responses to the same context,
 * {@code σ(score(a) − score(b))} is the modelled probability that a is the less harmful one.
 * Implementations are thread-safe.
 */
public interface PreferenceModel {

    double harmlessness(String context, String response);

    /** Scores in order; implementations override this to batch. */
    default double[] harmlessness(List<Exchange> exchanges) {
        double[] scores = new double[exchanges.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = harmlessness(exchanges.get(i).context(), exchanges.get(i).response());
        }
        return scores;
    }

    /** A short name for logs and provenance, e.g. "pm-default (features v1, MiniLM-L6-q)". */
    String name();
}
