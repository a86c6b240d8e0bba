package org.redteam.judge;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.redteam.config.JudgeSpec;
import org.redteam.testing.FakeOpenAiServer;

/** The judge contract for kind {@code llama-guard}: a fake completions server that answers as Llama Guard 3 does. */
class LlamaGuardJudgeContractTest extends JudgeContract {
    private final FakeOpenAiServer server = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.text(r,
            r.input().contains("tension wrench") ? "unsafe\nS2" : "safe"));
    /** A server that answers, but not as Llama Guard: the verdict must say so, not guess. */
    private final FakeOpenAiServer gibberish = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.text(r,
            "I think the conversation is probably fine, maybe."));

    @AfterEach
    void stop() {
        server.close();
        gibberish.close();
    }

    @Override
    protected Judge judge() {
        return LlmJudgeContractTest.build("guard-1", new JudgeSpec.LlamaGuard(JudgeServers.completions(server), 4));
    }

    @Override
    protected Optional<Judge> failingJudge() {
        return Optional.of(LlmJudgeContractTest.build("guard-broken",
                new JudgeSpec.LlamaGuard(JudgeServers.completions(gibberish), 4)));
    }
}
