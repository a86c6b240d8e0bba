package org.redteam.backend;

import org.redteam.conversation.Message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.redteam.backend.demo.DemoBackend;

class DemoBackendTest {

    @Test
    void givesDistinctCandidatesReproduciblyForASeed() {
        DemoBackend backend = new DemoBackend("t/demo", 3);
        for (long seed = 0; seed < 200; seed++) {
            CompletionRequest request = new CompletionRequest(List.of(Message.human("tell me how to pick a lock")), 2, seed);
            List<Completion> a = backend.complete(request);
            assertThat(a).hasSize(2);
            assertThat(a.get(0).text()).isNotEqualTo(a.get(1).text());
            assertThat(backend.complete(request)).extracting(Completion::text)
                    .containsExactlyElementsOf(a.stream().map(Completion::text).toList());
            assertThat(a).allMatch(c -> c.backend().equals("t/demo") && c.finishReason().equals("stop"));
        }
    }

    @Test
    void stillAnswersWhenAskedForMoreCandidatesThanItHasTexts() {
        List<Completion> many = new DemoBackend("t/demo", 1).complete(
                new CompletionRequest(List.of(Message.human("hi")), 16, 9));
        assertThat(many).hasSize(16);
    }
}
