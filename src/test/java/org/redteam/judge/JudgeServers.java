package org.redteam.judge;

import java.time.Duration;
import java.util.Optional;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.openai.OpenAiBackend;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.config.RetryPolicy;
import org.redteam.testing.FakeOpenAiServer;

/** Backends of the judge tests on a fake OpenAI-compatible server: no retries, so a failing server fails fast. */
final class JudgeServers {
    private JudgeServers() {
    }

    static OpenAiEndpoint endpoint(FakeOpenAiServer server, String model) {
        return new OpenAiEndpoint(server.baseUrl(), model, Optional.empty(), 0.0, 1.0, 64, true,
                Duration.ofSeconds(10), false, RetryPolicy.NEVER);
    }

    static BackendSpec.OpenAiChat chat(FakeOpenAiServer server) {
        return new BackendSpec.OpenAiChat(endpoint(server, "judge-model"));
    }

    static BackendSpec.OpenAiCompletions completions(FakeOpenAiServer server) {
        return new BackendSpec.OpenAiCompletions(endpoint(server, "llama-guard-3-8b"));
    }

    /** The backend the platform would build for this spec. */
    static ModelBackend backend(String id, BackendSpec spec) {
        if (spec instanceof BackendSpec.OpenAiChat chat) {
            return OpenAiBackend.chat(id, chat);
        }
        return OpenAiBackend.completions(id, (BackendSpec.OpenAiCompletions) spec);
    }
}
