package org.redteam.intervention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.backend.ModelBackend;
import org.redteam.config.ConfigException;
import org.redteam.conversation.Exchange;
import org.redteam.scoring.PreferenceModel;

class InterventionTest {
    static final CompletionRequest TWO = new CompletionRequest(List.of(Message.human("tell me how to pick a lock")), 2, 7);

    /** Remembers the requests it saw; answers "sample i" for i = 0..n-1. */
    static final class Recording implements ModelBackend {
        final List<CompletionRequest> seen = new CopyOnWriteArrayList<>();

        @Override
        public List<Completion> complete(CompletionRequest request) {
            seen.add(request);
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                out.add(new Completion("sample " + i, "rec", 1, "stop"));
            }
            return out;
        }
    }

    /** Harmlessness = the sample's number, so "sample 15" is the least harmful of 16; records each batch. */
    static final class NumberedPm implements PreferenceModel {
        final List<List<Exchange>> batches = new CopyOnWriteArrayList<>();

        @Override
        public double harmlessness(String context, String response) {
            return Double.parseDouble(response.substring("sample ".length()));
        }

        @Override
        public double[] harmlessness(List<Exchange> exchanges) {
            batches.add(exchanges);
            return PreferenceModel.super.harmlessness(exchanges);
        }

        @Override
        public String name() {
            return "numbered";
        }
    }

    @Test
    void promptPrefixPutsTheExampleConversationFirst() {
        Recording inner = new Recording();
        new PromptPrefix(Prompts.ONE_SHOT).around(inner).complete(TWO);
        List<Message> sent = inner.seen.get(0).conversation();
        assertThat(sent.subList(0, Prompts.ONE_SHOT.size())).isEqualTo(Prompts.ONE_SHOT);
        assertThat(sent.get(sent.size() - 1)).isEqualTo(Message.human("tell me how to pick a lock"));
        assertThat(Prompts.ONE_SHOT).hasSize(6);
        assertThat(Prompts.HHH.size() % 2).isZero();
        assertThat(Prompts.HHH.get(Prompts.HHH.size() - 1).speaker()).isEqualTo(Message.Speaker.ASSISTANT);
    }

    @Test
    void rejectionSamplingKeepsTheTwoLeastHarmfulOfSixteenFromOneRequestAndOneBatch() {
        Recording inner = new Recording();
        NumberedPm pm = new NumberedPm();
        List<Completion> kept = new RejectionSampling(16, () -> pm).around(inner).complete(TWO);
        assertThat(kept).extracting(Completion::text).containsExactly("sample 15", "sample 14");
        assertThat(inner.seen).hasSize(1);
        assertThat(inner.seen.get(0).n()).isEqualTo(16);
        assertThat(pm.batches).hasSize(1);
        assertThat(pm.batches.get(0)).hasSize(16).allMatch(e -> e.context().equals("\n\nHuman: tell me how to pick a lock"));
    }

    @Test
    void interventionsComposeInTheListedOrder() {
        Recording inner = new Recording();
        ModelBackend hhhThenRs = new RejectionSampling(4, NumberedPm::new).around(new PromptPrefix(Prompts.HHH).around(inner));
        hhhThenRs.complete(TWO);
        assertThat(inner.seen.get(0).n()).isEqualTo(4);
        assertThat(inner.seen.get(0).conversation().get(0)).isEqualTo(Prompts.HHH.get(0));
    }

    @Test
    void rejectionSamplingIsSafeUnderConcurrentTurns() throws Exception {
        Recording inner = new Recording();
        ModelBackend rs = new RejectionSampling(16, NumberedPm::new).around(inner);
        List<Thread> threads = new ArrayList<>();
        List<List<Completion>> results = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(startThread(() -> results.add(rs.complete(TWO))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(8).allMatch(r -> r.size() == 2 && r.get(0).text().equals("sample 15"));
    }

    private static Thread startThread(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    @Test
    void readsAPromptFileInTheReleasedLayout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prompt.txt");
        Files.writeString(file, "\n\nHuman: hello there\n\nAssistant: Hi! How can I help?\n\nHuman: a joke?\n\nAssistant: Why did the lock cross the road?");
        assertThat(Prompts.read(file, "prompt_file")).containsExactly(Message.human("hello there"),
                Message.assistant("Hi! How can I help?"), Message.human("a joke?"),
                Message.assistant("Why did the lock cross the road?"));
        Files.writeString(file, "\n\nHuman: unanswered");
        assertThatThrownBy(() -> Prompts.read(file, "targets[0].interventions[0].prompt_file"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("targets[0].interventions[0].prompt_file");
    }
}
