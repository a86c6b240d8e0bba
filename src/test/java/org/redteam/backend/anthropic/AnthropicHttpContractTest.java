package org.redteam.backend.anthropic;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.HttpBackendContract;
import org.redteam.conversation.Message;
import org.redteam.backend.Transport;
import org.redteam.config.BackendSpec;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.testing.FakeAnthropicServer;

/** The HTTP contract over the Messages API (which the backend does not stream), against the fake server. */
class AnthropicHttpContractTest extends HttpBackendContract {

    AnthropicHttpContractTest() {
        super(new Subject(FakeAnthropicServer.start(), "", AnthropicBackend.PATH, "target t (anthropic, model m)",
                "the Messages API", BackendUnavailableException.class, true));
    }

    @Override
    protected Client client(URI base, RetryPolicy retry, Duration timeout, Transport transport) {
        BackendSpec.Anthropic spec = new BackendSpec.Anthropic(base, "m", "KEY", 64, 1.0, Optional.empty(), Optional.empty(),
                "2023-06-01", timeout, retry);
        AnthropicBackend backend = AnthropicBackend.create("t", spec, name -> SECRET, transport);
        return () -> backend.complete(new CompletionRequest(List.of(Message.human("hi")), 1, 1));
    }
}
