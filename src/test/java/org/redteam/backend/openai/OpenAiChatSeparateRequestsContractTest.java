package org.redteam.backend.openai;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.ModelBackendContract;
import org.redteam.config.BackendSpec;
import org.redteam.config.RetryPolicy;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.testing.FakeOpenAiServer;

/** The same contract when the server takes no "n" and each completion is its own request. */
class OpenAiChatSeparateRequestsContractTest extends ModelBackendContract {
    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelBackend backend() {
        return OpenAiBackend.chat("t", new BackendSpec.OpenAiChat(new OpenAiEndpoint(server.baseUrl(), "m",
                Optional.empty(), 1.0, 1.0, 256, false, Duration.ofSeconds(30), false, RetryPolicy.DEFAULT)), name -> null);
    }

    @Override
    protected String expectedBackendId() {
        return "t/openai-chat:m";
    }
}
