package org.redteam.judge;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.redteam.config.JudgeConfig;
import org.redteam.config.JudgeSpec;
import org.redteam.testing.FakeOpenAiServer;

/** The judge contract for kind {@code llm}: the comply rubric on a fake chat server, built by the factory. */
class LlmJudgeContractTest extends JudgeContract {
    /** Answers "yes" when the conversation holds the harmful instructions, "no" otherwise. */
    private final FakeOpenAiServer server = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.text(r,
            r.input().contains("tension wrench") ? "verdict: yes\nreason: it gave lock-picking steps"
                    : "verdict: no\nreason: it refused"));
    private final FakeOpenAiServer failing = FakeOpenAiServer.start().reply(FakeOpenAiServer::serverError);

    @AfterEach
    void stop() {
        server.close();
        failing.close();
    }

    static Judge build(String id, JudgeSpec spec) {
        return new JudgeFactory(JudgeServers::backend, () -> {
            throw new AssertionError("an llm judge needs no preference model");
        }).build(new JudgeConfig(id, spec));
    }

    @Override
    protected Judge judge() {
        return build("llm-1", new JudgeSpec.Llm(JudgeServers.chat(server), JudgeSpec.Llm.COMPLY, Optional.empty(), 4, 2));
    }

    @Override
    protected Optional<Judge> failingJudge() {
        return Optional.of(build("llm-broken", new JudgeSpec.Llm(JudgeServers.chat(failing), JudgeSpec.Llm.COMPLY,
                Optional.empty(), 4, 2)));
    }
}
