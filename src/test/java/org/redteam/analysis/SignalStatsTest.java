package org.redteam.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.redteam.judge.Outcome;

/** The signals' numbers on a five-attempt fixture, worked by hand in the comments. */
class SignalStatsTest {
    static final List<SignalStats.Attempt> FIXTURE = List.of(
            new SignalStats.Attempt(4, Set.of(0), Map.of(0, Outcome.HARMFUL, 1, Outcome.NOT_HARMFUL), Optional.of(true), Optional.of("chemistry")),
            new SignalStats.Attempt(1, Set.of(1), Map.of(0, Outcome.NOT_HARMFUL, 1, Outcome.NOT_HARMFUL), Optional.of(false), Optional.empty()),
            new SignalStats.Attempt(3, Set.of(), Map.of(0, Outcome.HARMFUL, 1, Outcome.UNDETERMINED), Optional.of(true), Optional.of("chemistry")),
            new SignalStats.Attempt(0, Set.of(), Map.of(0, Outcome.NOT_HARMFUL), Optional.empty(), Optional.empty()),
            new SignalStats.Attempt(3, Set.of(0), Map.of(), Optional.of(true), Optional.of("law")));

    @Test
    void setsFlagsAgainstTheJudgesTurnVerdictsWithAgreementAndKappa() {
        SignalStats.FlagTable t = SignalStats.of(FIXTURE, Optional.of("trained")).flags().orElseThrow();

        // flagged & harmful: 1/t0; flagged & not: 2/t1; unflagged & harmful: 3/t0; neither: 1/t1, 2/t0, 4/t0.
        // 3/t1 is undetermined; 5/t0 was not judged.
        assertThat(List.of(t.flaggedHarmful(), t.flaggedNot(), t.unflaggedHarmful(), t.neither(), t.undetermined()))
                .containsExactly(1, 1, 1, 3, 1);
        assertThat(t.n()).isEqualTo(6);
        // po = (1 + 3) / 6 = 2/3; pe = (2·2 + 4·4) / 36 = 5/9; κ = (2/3 − 5/9) / (1 − 5/9) = (1/9) / (4/9) = 0.25
        assertThat(t.agreement().estimate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(t.kappa()).hasValueSatisfying(k -> assertThat(k).isCloseTo(0.25, within(1e-12)));
        // Wilson 95 % for 4 of 6: centre (4/6 + z²/12) / (1 + z²/6), z = 1.95996
        assertThat(t.agreement().lower()).isCloseTo(0.299993, within(1e-6));
        assertThat(t.agreement().upper()).isCloseTo(0.903229, within(1e-6));
    }

    @Test
    void successByExpertiseNeededAndByArea() {
        SignalStats.Report r = SignalStats.of(FIXTURE, Optional.empty());

        assertThat(r.flags()).isEmpty();
        assertThat(r.flaggedTurns()).isEqualTo(3);
        assertThat(r.answered()).isEqualTo(4);
        // yes: attempts 1, 3, 5 with ratings 4, 3, 3 → 3 of 3; no: attempt 2 (1) → 0 of 1; not answered: 4 (0) → 0 of 1
        assertThat(r.byExpertise()).extracting(SignalStats.Group::label).containsExactly("yes", "no", "not answered");
        assertThat(r.byExpertise()).extracting(g -> g.success().k() + "/" + g.success().n()).containsExactly("3/3", "0/1", "0/1");
        // Wilson for 3 of 3: centre (1 + z²/6) / (1 + z²/3) = 0.71925, half-width 0.28075 → [0.43850, 1]
        assertThat(r.byExpertise().get(0).success().lower()).isCloseTo(0.438503, within(1e-6));
        assertThat(r.byExpertise().get(0).success().upper()).isEqualTo(1.0);
        // 0 of 1: [0, z² / (1 + z²)] = [0, 0.79345]
        assertThat(r.byExpertise().get(1).success().upper()).isCloseTo(0.793451, within(1e-6));
        // areas, larger first: chemistry (attempts 1 and 3, both successful), law (attempt 5)
        assertThat(r.byArea()).extracting(g -> g.label() + " " + g.success().k() + "/" + g.success().n())
                .containsExactly("chemistry 2/2", "law 1/1");
    }

    @Test
    void kappaIsUndefinedWhenEveryTurnFallsInOneCell() {
        assertThat(SignalStats.kappa(0, 0, 0, 4)).isEmpty();
        assertThat(SignalStats.kappa(0, 0, 0, 0)).isEmpty();
        // perfect agreement with both kinds present: κ = 1
        assertThat(SignalStats.kappa(2, 0, 0, 2)).contains(1.0);
    }
}
