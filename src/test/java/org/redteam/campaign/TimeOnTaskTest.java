package org.redteam.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Time on task: the sum of the gaps between consecutive events, gaps over five minutes left out. */
class TimeOnTaskTest {
    private static final long MINUTE = 60_000;

    private static Duration of(long... events) {
        TimeOnTask time = new TimeOnTask();
        for (long at : events) {
            time.add(at);
        }
        return time.total();
    }

    @Test
    void countsGapsUpToFiveMinutesAndLeavesOutLongerOnes() {
        // gaps: 1 min (counted), 5 min exactly (counted), 5 min + 1 ms (idle), 2 min (counted) = 8 minutes
        assertThat(of(0, MINUTE, 6 * MINUTE, 11 * MINUTE + 1, 13 * MINUTE + 1)).isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void oneEventOrNoneIsNoTime() {
        assertThat(of()).isZero();
        assertThat(of(5 * MINUTE)).isZero();
        assertThat(of(5 * MINUTE, 5 * MINUTE)).isZero();
    }

    @Test
    void eventsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> of(2 * MINUTE, MINUTE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeMinutesRoundHalfUp() {
        assertThat(TimeOnTask.minutes(Duration.ofSeconds(29))).isZero();
        assertThat(TimeOnTask.minutes(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(TimeOnTask.minutes(Duration.ofSeconds(95 * 60 + 29))).isEqualTo(95);
    }
}
