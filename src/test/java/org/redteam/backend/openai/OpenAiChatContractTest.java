package org.redteam.backend.openai;

import org.junit.jupiter.api.AfterEach;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.ModelBackendContract;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.testing.FakeOpenAiServer;

class OpenAiChatContractTest extends ModelBackendContract {
    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelBackend backend() {
        return OpenAiBackend.chat("t", new BackendSpec.OpenAiChat(OpenAiEndpoint.of(server.baseUrl(), "m")), name -> null);
    }

    @Override
    protected String expectedBackendId() {
        return "t/openai-chat:m";
    }
}
