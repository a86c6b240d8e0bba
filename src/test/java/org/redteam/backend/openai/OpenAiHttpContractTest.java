package org.redteam.backend.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.backend.StreamingHttpBackendContract;
import org.redteam.backend.TextStream;
import org.redteam.backend.Transport;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.config.RetryPolicy;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.testing.FakeOpenAiServer;

/** The HTTP contract over both OpenAI endpoints, against the fake OpenAI-compatible server. */
class OpenAiHttpContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Nested
    class Chat extends OpenAi {
        Chat() {
            super(OpenAiApi.CHAT);
        }
    }

    @Nested
    class Completions extends OpenAi {
        Completions() {
            super(OpenAiApi.COMPLETIONS);
        }
    }

    abstract static class OpenAi extends StreamingHttpBackendContract {
        private final FakeOpenAiServer server;
        private final OpenAiApi api;

        OpenAi(OpenAiApi api) {
            this(api, FakeOpenAiServer.start());
        }

        private OpenAi(OpenAiApi api, FakeOpenAiServer server) {
            super(new Subject(server, "/v1", api.path, "target t (" + api.kind + ", model m)", "the OpenAI API",
                    BackendUnavailableException.class, true));
            this.server = server;
            this.api = api;
        }

        @Override
        protected Client client(URI base, RetryPolicy retry, Duration timeout, Transport transport) {
            OpenAiBackend backend = backend(base, false, retry, timeout, transport);
            return () -> backend.complete(new CompletionRequest(List.of(Message.human("hi")), 1, 1));
        }

        @Override
        protected Client streamingClient(RetryPolicy retry, Duration timeout, Transport transport, TextStream listener) {
            OpenAiBackend backend = backend(base(), true, retry, timeout, transport);
            return () -> backend.complete(new CompletionRequest(List.of(Message.human("hi")), 1, 1, listener));
        }

        private OpenAiBackend backend(URI base, boolean stream, RetryPolicy retry, Duration timeout, Transport transport) {
            OpenAiEndpoint endpoint = new OpenAiEndpoint(base, "m", Optional.of("KEY"), 1.0, 1.0, 64, true, timeout, stream,
                    retry);
            return api == OpenAiApi.CHAT
                    ? OpenAiBackend.chat("t", new BackendSpec.OpenAiChat(endpoint), name -> SECRET, transport)
                    : OpenAiBackend.completions("t", new BackendSpec.OpenAiCompletions(endpoint), name -> SECRET, transport);
        }

        @Override
        protected void replyStreamed(long gapMillis) {
            server.reply(r -> FakeOpenAiServer.streamed(r, gapMillis));
        }

        @Override
        protected String chunk(String text) {
            ObjectNode choice = JSON.createObjectNode();
            ObjectNode first = choice.putArray("choices").addObject().put("index", 0);
            if (api == OpenAiApi.CHAT) {
                first.putObject("delta").put("content", text);
            } else {
                first.put("text", text);
            }
            return choice.toString();
        }
    }
}
