package org.redteam.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagCalibrationTest {

    @Test
    void eachTagIsItsOwnConfusionTable() {
        // units: judge {a}, {a, b}, {}; reference {a}, {b}, {b}.
        // a: judge 1 1 0, reference 1 0 0 → TP 1, FP 1, FN 0, TN 1 (precision 0.5, recall 1)
        // b: judge 0 1 0, reference 0 1 1 → TP 1, FP 0, FN 1, TN 1 (precision 1, recall 0.5)
        Map<String, Confusion> tags = TagCalibration.of(List.of(Set.of("a"), Set.of("a", "b"), Set.of()),
                List.of(Set.of("a"), Set.of("b"), Set.of("b")));

        assertThat(tags.keySet()).containsExactly("a", "b");
        assertThat(tags.get("a")).isEqualTo(new Confusion(1, 1, 0, 1));
        assertThat(tags.get("a").precision()).isEqualTo(0.5);
        assertThat(tags.get("b")).isEqualTo(new Confusion(1, 0, 1, 1));
        assertThat(tags.get("b").recall()).isEqualTo(0.5);
    }
}
