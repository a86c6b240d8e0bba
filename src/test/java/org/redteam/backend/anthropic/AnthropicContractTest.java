package org.redteam.backend.anthropic;

import org.junit.jupiter.api.AfterEach;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.ModelBackendContract;
import org.redteam.config.BackendSpec;
import org.redteam.testing.FakeAnthropicServer;

class AnthropicContractTest extends ModelBackendContract {
    private final FakeAnthropicServer server = FakeAnthropicServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelBackend backend() {
        return AnthropicBackend.create("t", BackendSpec.Anthropic.of(server.baseUrl(), "m", "KEY"), name -> "k");
    }

    @Override
    protected String expectedBackendId() {
        return "t/anthropic:m";
    }
}
