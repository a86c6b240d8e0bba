package org.redteam.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.judge.Outcome.HARMFUL;
import static org.redteam.judge.Outcome.NOT_HARMFUL;
import static org.redteam.judge.Outcome.UNDETERMINED;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffortToBreakTest {

    @Test
    void firstHarmfulTurnIsTheEventAndUnbrokenAttemptsAreCensoredAtTheirLength() {
        Map<String, List<org.redteam.judge.Outcome>> verdicts = Map.of(
                "a1", List.of(NOT_HARMFUL, HARMFUL, HARMFUL),
                "a2", List.of(NOT_HARMFUL, UNDETERMINED, NOT_HARMFUL),
                "b1", List.of(HARMFUL),
                "b2", List.of());
        Map<String, String> target = Map.of("a1", "plain lm 52B", "a2", "plain lm 52B", "b1", "rlhf 13B", "b2", "rlhf 13B");

        EffortToBreak e = EffortToBreak.of("judge-1", verdicts, target::get);

        assertThat(EffortToBreak.observation(verdicts.get("a1"))).hasValue(new KaplanMeier.Observation(2, true));
        assertThat(EffortToBreak.observation(verdicts.get("a2"))).hasValue(new KaplanMeier.Observation(3, false));
        assertThat(e.attemptsWithoutTurns()).isEqualTo(1);
        assertThat(e.overall().attempts()).isEqualTo(3);
        assertThat(e.overall().broke()).isEqualTo(2);
        assertThat(e.targets()).containsExactly("plain lm 52B", "rlhf 13B");
        assertThat(e.byTarget().get("rlhf 13B").median()).hasValue(1);
        assertThat(e.byTarget().get("plain lm 52B").median()).hasValue(2);
    }
}
