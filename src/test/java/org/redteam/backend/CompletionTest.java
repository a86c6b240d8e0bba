package org.redteam.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionTest {

    @Test
    void aNulCharacterInModelOutputBecomesTheReplacementCharacter() {
        Completion c = new Completion("lock\u0000pick\u0000", "b", 1, "stop", List.of(new Sample("x\u0000", 0.5)));
        assertThat(c.text()).isEqualTo("lock\uFFFDpick\uFFFD");
        assertThat(c.samples().get(0).text()).isEqualTo("x\uFFFD");
        assertThat(new Completion("plain", "b", 1, "stop").text()).isSameAs("plain");
    }
}
