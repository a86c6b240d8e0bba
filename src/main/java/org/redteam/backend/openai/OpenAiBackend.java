package org.redteam.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.JsonPost;
import org.redteam.backend.ModelBackend;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;
import org.redteam.problem.BackendUnavailableException;

/**
 * A model behind any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp, TGI): the chat endpoint for
 * chat models, the completions endpoint for base models. Vendors differ only in configuration. With
 * {@code n_in_one_request} the n completions come from one request with {@code "n"}; without it, from n
 * requests of which at most {@value #MAX_PARALLEL} of one call are in flight at once. Thread-safe.
 */
public final class OpenAiBackend implements ModelBackend {
    /** Most requests of one {@link #complete} call in flight at once when the server takes no {@code "n"}. */
    static final int MAX_PARALLEL = 16; // so the 16 samples of a rejection-sampling turn are all in flight at once
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiApi api;
    private final OpenAiEndpoint endpoint;
    private final String name;
    private final JsonPost http;

    private OpenAiBackend(String targetId, OpenAiApi api, OpenAiEndpoint endpoint, UnaryOperator<String> env) {
        this.api = api;
        this.endpoint = endpoint;
        this.name = targetId + "/" + api.kind + ":" + endpoint.model();
        String where = "target " + targetId + " (" + api.kind + ", model " + endpoint.model() + ")";
        Optional<String> key = endpoint.apiKeyEnv().map(variable -> JsonPost.apiKey(where, variable, env));
        this.http = new JsonPost(where, URI.create(endpoint.baseUrl() + api.path), endpoint.timeout(),
                key.map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of()), "the OpenAI API");
    }

    public static OpenAiBackend chat(String targetId, BackendSpec.OpenAiChat spec) {
        return chat(targetId, spec, System::getenv);
    }

    public static OpenAiBackend completions(String targetId, BackendSpec.OpenAiCompletions spec) {
        return completions(targetId, spec, System::getenv);
    }

    /** @param env reads an environment variable by name (null when unset); tests pass their own */
    static OpenAiBackend chat(String targetId, BackendSpec.OpenAiChat spec, UnaryOperator<String> env) {
        return new OpenAiBackend(targetId, OpenAiApi.CHAT, spec.endpoint(), env);
    }

    static OpenAiBackend completions(String targetId, BackendSpec.OpenAiCompletions spec, UnaryOperator<String> env) {
        return new OpenAiBackend(targetId, OpenAiApi.COMPLETIONS, spec.endpoint(), env);
    }

    /** "target-id/openai-chat:model", as recorded in each {@link Completion}. */
    public String name() {
        return name;
    }

    @Override
    public List<Completion> complete(CompletionRequest request) {
        if (endpoint.nInOneRequest()) {
            return JsonPost.await(name, call(request, request.n(), request.seed()));
        }
        // Seeds differ per request: equal seeds would give n equal samples.
        List<Completion> completions = new ArrayList<>();
        JsonPost.concurrently(name, request.n(), MAX_PARALLEL, i -> call(request, 0, request.seed() + i))
                .forEach(completions::addAll);
        return List.copyOf(completions);
    }

    /** @param n the {@code "n"} to send, or 0 to send none and expect one choice */
    private CompletableFuture<List<Completion>> call(CompletionRequest request, int n, long seed) {
        ObjectNode body = JSON.createObjectNode().put("model", endpoint.model());
        api.putConversation(body, request.conversation());
        body.put("temperature", endpoint.temperature()).put("top_p", endpoint.topP())
                .put("max_tokens", endpoint.maxTokens()).put("seed", seed);
        if (n > 0) {
            body.put("n", n);
        }
        return http.post(body.toString()).thenApply(answer -> completions(answer, Math.max(n, 1)));
    }

    private List<Completion> completions(JsonPost.Answer answer, int expected) {
        JsonNode choices = answer.body().get("choices");
        if (choices == null || !choices.isArray()) {
            throw http.broken("expected a \"choices\" array", answer.text());
        }
        if (choices.size() < expected) {
            throw http.broken("asked for " + expected + " completions but got " + choices.size() + " choices",
                    answer.text());
        }
        List<Completion> completions = new ArrayList<>();
        for (int i = 0; i < expected; i++) {
            JsonNode choice = choices.get(i);
            String text = api.text(choice);
            if (text == null) {
                throw http.broken("choices[" + i + "] has no text", answer.text());
            }
            JsonNode finish = choice.path("finish_reason");
            completions.add(new Completion(text, name, answer.latencyMillis(),
                    finish.isTextual() ? finish.asText() : "unknown"));
        }
        return completions;
    }
}
