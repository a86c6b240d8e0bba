package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTermsTest {

    @Test
    void ranksTermsByClassBasedTfIdf() {
        // cluster 0: {lock, pick}, {lock, door}; cluster 1: {cook, recipe}, {cook, door}
        // words(0) = words(1) = 4, so A = 4; f: lock 2, pick 1, door 2, cook 2, recipe 1
        // lock: 2/4 × ln(1 + 4/2) = 0.5 × 1.0986 = 0.5493
        // pick: 1/4 × ln(1 + 4/1) = 0.25 × 1.6094 = 0.4024
        // door: 1/4 × ln(1 + 4/2) = 0.25 × 1.0986 = 0.2747
        List<String> texts = List.of("lock pick", "the lock on the door", "cook a recipe", "cook by the door");

        List<List<String>> terms = ClusterTerms.top(texts, new int[] {0, 0, 1, 1}, 2, 5);

        assertThat(terms).containsExactly(List.of("lock", "pick", "door"), List.of("cook", "recipe", "door"));
        assertThat(ClusterTerms.weight(2, 4, 4, 2)).isCloseTo(0.5493, within(1e-4));
        assertThat(ClusterTerms.weight(1, 4, 4, 1)).isCloseTo(0.4024, within(1e-4));
        assertThat(ClusterTerms.top(texts, new int[] {0, 0, 1, 1}, 2, 2).get(0)).containsExactly("lock", "pick");
    }

    @Test
    void countsATermOncePerText() {
        List<String> texts = List.of("lock lock lock lock", "pick door", "pick window");

        List<List<String>> terms = ClusterTerms.top(texts, new int[] {0, 0, 0}, 1, 1);

        assertThat(terms.get(0)).containsExactly("pick");
    }

    @Test
    void dropsStopWordsPossessivesShortWordsAndNumbers() {
        assertThat(ClusterTerms.terms("Don't tell me how to pick my neighbour’s lock in 2022, OK? I'm trying!"))
                .containsExactly("pick", "neighbour", "lock");
        assertThat(ClusterTerms.terms("Über Straße café")).containsExactly("über", "straße", "café");
    }
}
