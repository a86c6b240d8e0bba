package org.redteam.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentTest {
    private static final List<Long> TARGETS = List.of(1L, 2L, 3L, 4L);

    @Test
    void picksTheLeastAssignedTarget() {
        long chosen = Assignment.choose(TARGETS, Map.of(1L, 3, 2L, 2, 3L, 1, 4L, 2), Map.of(), 42, 8);
        assertThat(chosen).isEqualTo(3L);
    }

    @Test
    void breaksCampaignTiesTowardsTargetsTheWorkerMetLeast() {
        long chosen = Assignment.choose(TARGETS, Map.of(1L, 1, 2L, 1, 3L, 1, 4L, 1), Map.of(1L, 1, 2L, 1, 3L, 1), 42, 4);
        assertThat(chosen).isEqualTo(4L);
    }

    @Test
    void sameSeedAndSequenceGiveTheSameDraw() {
        for (long seq = 0; seq < 50; seq++) {
            assertThat(Assignment.choose(TARGETS, Map.of(), Map.of(), 7, seq))
                    .isEqualTo(Assignment.choose(TARGETS, Map.of(), Map.of(), 7, seq));
        }
    }

    @Test
    void staysBalancedAndUsesEveryTieBreak() {
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, Integer> firstOfRound = new HashMap<>();
        for (long seq = 0; seq < 400; seq++) {
            long t = Assignment.choose(TARGETS, counts, Map.of(), 99, seq);
            if (seq % 4 == 0) {
                firstOfRound.merge(t, 1, Integer::sum);
            }
            counts.merge(t, 1, Integer::sum);
            int max = counts.values().stream().max(Integer::compare).orElseThrow();
            int min = TARGETS.stream().mapToInt(x -> counts.getOrDefault(x, 0)).min().orElseThrow();
            assertThat(max - min).isLessThanOrEqualTo(1);
        }
        // 100 rounds: each target should open a round sometimes (expected 25 each; P(a target never does) ≈ 4 * 0.75^100).
        assertThat(firstOfRound.keySet()).containsExactlyInAnyOrderElementsOf(TARGETS);
    }
}
