package org.redteam.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.redteam.attempt.Expertise;
import org.redteam.attempt.SignedAttempt;
import org.redteam.attempt.TurnFlag;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.Outcome;

/** The store's signed attempts and one judge's turn verdicts as {@link SignalStats} input. */
public final class SignalInputs {
    private SignalInputs() {
    }

    /**
     * {@code verdicts}: the turn verdicts of the judge the flags are set against (empty: no judge); empty when no
     * attempt carries a signal (the report and summary then have no signals section).
     */
    public static Optional<SignalStats.Report> report(List<SignedAttempt> attempts, Optional<String> judge,
                                                      List<AttemptVerdict> verdicts) {
        if (attempts.stream().allMatch(a -> a.signals().isEmpty())) {
            return Optional.empty();
        }
        Map<Long, Map<Integer, Outcome>> judged = new HashMap<>();
        for (AttemptVerdict v : verdicts) {
            Map<Integer, Outcome> turns = new TreeMap<>();
            v.turns().forEach(t -> turns.put(t.index(), t.verdict().outcome()));
            judged.put(v.attemptId(), turns);
        }
        List<SignalStats.Attempt> inputs = attempts.stream().map(a -> {
            Set<Integer> flagged = a.signals().flags().stream().map(TurnFlag::turn).collect(Collectors.toSet());
            Optional<Expertise> e = a.signals().expertise();
            return new SignalStats.Attempt(a.rating(), flagged, judged.getOrDefault(a.attemptId(), Map.of()),
                    e.map(Expertise::needed), e.flatMap(Expertise::area));
        }).toList();
        return Optional.of(SignalStats.of(inputs, judge));
    }
}
