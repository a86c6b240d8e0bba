package org.redteam.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdLinesTest {

    @Test
    void everyRepeatedIdNamesItsFirstLineThroughManyResizes() {
        IdLines ids = new IdLines();
        for (int i = 1; i <= 50_000; i++) {
            assertThat(ids.putIfAbsent("attack-" + i, i)).as("attack-%d is new", i).isZero();
        }
        assertThat(ids.putIfAbsent("attack-1", 50_001)).isEqualTo(1);
        assertThat(ids.putIfAbsent("attack-31337", 50_002)).isEqualTo(31_337);
        assertThat(ids.putIfAbsent("attack-50000", 50_003)).isEqualTo(50_000);
        assertThat(ids.putIfAbsent("attack-0", 50_004)).isZero();
    }

    @Test
    void nearIdsHashApart() {
        assertThat(IdLines.hash("a1")).isNotEqualTo(IdLines.hash("1a")).isNotEqualTo(IdLines.hash("a2"));
    }
}
