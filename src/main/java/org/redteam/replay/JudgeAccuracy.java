package org.redteam.replay;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redteam.judge.TrainedJudge;

/**
 * A judge's calibrated accuracy against people, shown beside its success rates: of what it calls harmful, the share
 * people call harmful (precision); of what people call harmful, the share it catches (recall); on {@code n} labelled
 * items of {@code measuredOn}.
 */
public record JudgeAccuracy(double precision, double recall, long n, String measuredOn) {
    /**
     * The shipped trained judge on the 200 held-out rows of jailjudge-mini.csv (docs/judges.md, its first held-out
     * table; {@code JudgeAccuracyTest} checks the docs still say so).
     */
    public static final JudgeAccuracy SHIPPED = new JudgeAccuracy(0.836, 0.708, 200,
            "jailjudge-mini.csv, 20% held out (seed 42), docs/judges.md");

    public JudgeAccuracy {
        Objects.requireNonNull(measuredOn, "measuredOn");
    }

    /** The given accuracy of the judge, else the shipped judge's when its verdicts name the shipped model, else none. */
    public static Optional<JudgeAccuracy> of(String judgeId, String judgeVersion, Map<String, JudgeAccuracy> known) {
        JudgeAccuracy given = known.get(judgeId);
        if (given != null) {
            return Optional.of(given);
        }
        return judgeVersion != null && TrainedJudge.isShipped(judgeVersion) ? Optional.of(SHIPPED) : Optional.empty();
    }
}
