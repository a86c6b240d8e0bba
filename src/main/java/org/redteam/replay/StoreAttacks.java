package org.redteam.replay;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.redteam.dataset.ExportService;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.Outcome;
import org.redteam.judge.VerdictRepository;
import org.redteam.problem.InvalidInputException;

/**
 * The store's submitted attempts as attacks ({@code suite create --data/--db}, the admin replay form): each attempt
 * read as {@code export} writes it (the same transcript, tags, rating, labels; human attempts only, as export),
 * its human turns parsed by the one parser; id {@code attempt-<id>}, source kind {@code store} with the attempt id,
 * the red teamer's export pseudonym ({@code red_team_member_id}) and the stored minimum harmlessness. A filter's
 * {@code judgedHarmfulBy} keeps the attempts whose stored verdict by that judge is harmful.
 */
public final class StoreAttacks implements AttackSelection {
    private final ExportService exports;
    private final VerdictRepository verdicts;

    public StoreAttacks(ExportService exports, VerdictRepository verdicts) {
        this.exports = exports;
        this.verdicts = verdicts;
    }

    @Override
    public List<Attack> select(AttackFilter filter) {
        return choose(filter).attacks();
    }

    /** As {@link #select}, with the count of attempts left out by reason. */
    public SuiteSelection.Selected choose(AttackFilter filter) {
        Set<Long> harmful = filter.judgedHarmfulBy().map(this::harmfulBy).orElse(Set.of());
        SuiteSelection selection = new SuiteSelection(filter, a -> harmful.contains(a.source().attemptId()));
        exports.forEachReleased(OptionalLong.empty(), (id, r) -> {
            Optional<Attack> attack = ReleasedAttacks.attack(r, "attempt-" + id,
                    AttackSource.store(id, String.valueOf(r.redTeamMemberId()), r.minHarmlessnessScoreTranscript()));
            if (attack.isPresent()) {
                selection.offer(attack.get());
            } else {
                selection.skip(ReleasedAttacks.NO_HUMAN_TURN);
            }
        });
        return selection.finish();
    }

    private Set<Long> harmfulBy(String judge) {
        if (!verdicts.judgeIds().contains(judge)) {
            throw new InvalidInputException("--judged-harmful-by: the store has no verdicts by judge '" + judge
                    + "'; judges with verdicts: " + (verdicts.judgeIds().isEmpty() ? "none (run judge run first)"
                    : String.join(", ", verdicts.judgeIds())));
        }
        return verdicts.ofJudge(judge).stream().filter(v -> v.verdict().outcome() == Outcome.HARMFUL)
                .map(AttemptVerdict::attemptId).collect(Collectors.toSet());
    }
}
