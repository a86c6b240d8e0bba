package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PmBenchmarkTest {

    @Test
    void percentileInterpolatesBetweenClosestRanks() {
        // median of 1..4: position 0.5·3 = 1.5 → 2 + 0.5·(3 − 2) = 2.5
        assertThat(PmBenchmark.percentile(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.5);
        // p90 of 1..10: position 0.9·9 = 8.1 → 9 + 0.1·(10 − 9) = 9.1
        assertThat(PmBenchmark.percentile(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 0.9)).isCloseTo(9.1, within(1e-9));
        assertThat(PmBenchmark.percentile(new double[] {7}, 0.9)).isEqualTo(7);
    }

    @Test
    void throughputIsTextsOverTotalTime() {
        // 32 texts × 2 batches in 100 + 300 ms = 64 / 0.4 s = 160 texts/s
        assertThat(new PmBenchmark.Timing("t", 32, new double[] {100, 300}).textsPerSecond()).isCloseTo(160, within(1e-9));
    }

    @Test
    void syntheticBatchesAreDistinctAndOfTheRequestedShape() {
        List<List<Exchange>> batches = SyntheticCandidates.batches(35, 16, new SplittableRandom(42));
        Set<String> responses = new HashSet<>();
        assertThat(batches).hasSize(35).allSatisfy(b -> assertThat(b).hasSize(16));
        for (List<Exchange> batch : batches) {
            for (Exchange e : batch) {
                assertThat(e.response().split(" ").length).isBetween(SyntheticCandidates.MIN_WORDS, SyntheticCandidates.MAX_WORDS);
                assertThat(responses.add(e.context() + e.response())).isTrue();
            }
        }
        assertThat(SyntheticCandidates.batches(35, 16, new SplittableRandom(42))).isEqualTo(batches);
    }

    @Test
    void timesTheTextsThePreferenceModelEmbeds() {
        List<String> texts = PmBenchmark.texts(List.of(new Exchange("\n\nHuman: tell me how to pick a lock", "No.")));
        assertThat(texts).containsExactly("No.", "Human: tell me how to pick a lock\nAssistant: No.");
    }
}
