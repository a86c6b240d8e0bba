package org.redteam.backend.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.redteam.backend.Calls;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.backend.JsonPost;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.Transport;
import org.redteam.config.BackendSpec;

/**
 * A Claude model behind Anthropic's Messages API ({@code POST {base_url}/v1/messages}). The API takes no
 * {@code "n"}, so the n completions come from n requests of which at most {@value #MAX_PARALLEL} of one call
 * are in flight at once. Thread-safe.
 */
public final class AnthropicBackend implements ModelBackend {
    /** Most requests of one {@link #complete} call in flight at once. */
    static final int MAX_PARALLEL = 16; // so the 16 samples of a rejection-sampling turn are all in flight at once
    static final String PATH = "/v1/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackendSpec.Anthropic spec;
    private final String name;
    private final JsonPost http;

    private AnthropicBackend(String targetId, BackendSpec.Anthropic spec, UnaryOperator<String> env, Transport transport) {
        this.spec = spec;
        this.name = targetId + "/" + BackendSpec.Anthropic.KIND + ":" + spec.model();
        String where = "target " + targetId + " (" + BackendSpec.Anthropic.KIND + ", model " + spec.model() + ")";
        this.http = new JsonPost(where, URI.create(spec.baseUrl() + PATH), spec.timeout(),
                Map.of("x-api-key", JsonPost.apiKey(where, spec.apiKeyEnv(), env), "anthropic-version", spec.anthropicVersion()),
                "the Messages API", spec.retry(), transport);
    }

    public static AnthropicBackend create(String targetId, BackendSpec.Anthropic spec) {
        return create(targetId, spec, System::getenv);
    }

    /** @param env reads an environment variable by name (null when unset); tests pass their own */
    static AnthropicBackend create(String targetId, BackendSpec.Anthropic spec, UnaryOperator<String> env) {
        return create(targetId, spec, env, Transport.system());
    }

    /** @param transport the clock, jitter and threads of the calls; tests pass a fixed clock and a seeded generator */
    static AnthropicBackend create(String targetId, BackendSpec.Anthropic spec, UnaryOperator<String> env, Transport transport) {
        return new AnthropicBackend(targetId, spec, env, transport);
    }

    /** "target-id/anthropic:model", as recorded in each {@link Completion}. */
    public String name() {
        return name;
    }

    @Override
    public List<Completion> complete(CompletionRequest request) {
        String body = body(request.conversation());
        List<Completion> completions = Calls.concurrently(name, request.n(), MAX_PARALLEL,
                i -> http.post(body, this::completion));
        return List.copyOf(completions);
    }

    /** The same body for each of the n requests: the API samples each independently. */
    private String body(List<Message> conversation) {
        ObjectNode body = JSON.createObjectNode().put("model", spec.model()).put("max_tokens", spec.maxTokens())
                .put("temperature", spec.temperature());
        spec.topP().ifPresent(p -> body.put("top_p", p));
        spec.system().ifPresent(s -> body.put("system", s));
        ArrayNode messages = body.putArray("messages");
        for (Message m : conversation) {
            messages.addObject().put("role", m.speaker() == Message.Speaker.HUMAN ? "user" : "assistant")
                    .put("content", m.text());
        }
        return body.toString();
    }

    /** The concatenated {@code text} blocks of the answer's {@code content}; other block kinds are skipped. */
    private Completion completion(JsonPost.Answer answer) {
        JsonNode content = answer.body().get("content");
        if (content == null || !content.isArray()) {
            throw http.broken("expected a \"content\" array", answer.text());
        }
        StringBuilder text = new StringBuilder();
        boolean any = false;
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                JsonNode t = block.path("text");
                if (!t.isTextual()) {
                    throw http.broken("a text block has no text", answer.text());
                }
                text.append(t.asText());
                any = true;
            }
        }
        if (!any && content.size() > 0) {
            throw http.broken("\"content\" has no text block", answer.text());
        }
        JsonNode stop = answer.body().path("stop_reason");
        JsonNode usage = answer.body().path("usage");
        return new Completion(text.toString(), name, answer.latencyMillis(), stop.isTextual() ? stop.asText() : "unknown")
                .withUsage(Completion.usage(usage.path("input_tokens").asLong(-1), usage.path("output_tokens").asLong(-1)));
    }
}
