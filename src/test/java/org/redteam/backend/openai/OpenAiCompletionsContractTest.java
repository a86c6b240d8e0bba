package org.redteam.backend.openai;

import org.junit.jupiter.api.AfterEach;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.ModelBackendContract;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.testing.FakeOpenAiServer;

class OpenAiCompletionsContractTest extends ModelBackendContract {
    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelBackend backend() {
        return OpenAiBackend.completions("t",
                new BackendSpec.OpenAiCompletions(OpenAiEndpoint.of(server.baseUrl(), "base-lm")), name -> null);
    }

    @Override
    protected String expectedBackendId() {
        return "t/openai-completions:base-lm";
    }
}
