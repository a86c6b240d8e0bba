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
import org.redteam.backend.Calls;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.JsonPost;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.PromptBackend;
import org.redteam.backend.TextStream;
import org.redteam.backend.Transport;
import org.redteam.config.BackendSpec;
import org.redteam.config.BackendSpec.OpenAiEndpoint;

/**
 * A model behind any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp, TGI): the chat endpoint for
 * chat models, the completions endpoint for base models. Vendors differ only in configuration. With
 * {@code n_in_one_request} the n completions come from one request with {@code "n"}; without it, from n
 * requests of which at most {@value #MAX_PARALLEL} of one call are in flight at once. Thread-safe.
 * {@link #completePrompt} sends a prompt as it is: raw to the completions endpoint, as one user message to chat.
 */
public final class OpenAiBackend implements PromptBackend {
    /** Most requests of one {@link #complete} call in flight at once when the server takes no {@code "n"}. */
    static final int MAX_PARALLEL = 16; // so the 16 samples of a rejection-sampling turn are all in flight at once
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiApi api;
    private final OpenAiEndpoint endpoint;
    private final String name;
    private final JsonPost http;

    private OpenAiBackend(String targetId, OpenAiApi api, OpenAiEndpoint endpoint, UnaryOperator<String> env,
                          Transport transport) {
        this.api = api;
        this.endpoint = endpoint;
        this.name = targetId + "/" + api.kind + ":" + endpoint.model();
        String where = "target " + targetId + " (" + api.kind + ", model " + endpoint.model() + ")";
        Optional<String> key = endpoint.apiKeyEnv().map(variable -> JsonPost.apiKey(where, variable, env));
        this.http = new JsonPost(where, URI.create(endpoint.baseUrl() + api.path), endpoint.timeout(),
                key.map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of()), "the OpenAI API", endpoint.retry(), transport);
    }

    public static OpenAiBackend chat(String targetId, BackendSpec.OpenAiChat spec) {
        return chat(targetId, spec, System::getenv);
    }

    public static OpenAiBackend completions(String targetId, BackendSpec.OpenAiCompletions spec) {
        return completions(targetId, spec, System::getenv);
    }

    /** @param env reads an environment variable by name (null when unset); tests pass their own */
    static OpenAiBackend chat(String targetId, BackendSpec.OpenAiChat spec, UnaryOperator<String> env) {
        return chat(targetId, spec, env, Transport.system());
    }

    static OpenAiBackend completions(String targetId, BackendSpec.OpenAiCompletions spec, UnaryOperator<String> env) {
        return completions(targetId, spec, env, Transport.system());
    }

    /** @param transport the clock, jitter and threads of the calls; tests pass a fixed clock and a seeded generator */
    static OpenAiBackend chat(String targetId, BackendSpec.OpenAiChat spec, UnaryOperator<String> env, Transport transport) {
        return new OpenAiBackend(targetId, OpenAiApi.CHAT, spec.endpoint(), env, transport);
    }

    static OpenAiBackend completions(String targetId, BackendSpec.OpenAiCompletions spec, UnaryOperator<String> env,
                                     Transport transport) {
        return new OpenAiBackend(targetId, OpenAiApi.COMPLETIONS, spec.endpoint(), env, transport);
    }

    /** "target-id/openai-chat:model", as recorded in each {@link Completion}. */
    public String name() {
        return name;
    }

    @Override
    public List<Completion> complete(CompletionRequest request) {
        if (endpoint.nInOneRequest()) {
            return Calls.await(name, call(request, request.n(), request.seed(), 0));
        }
        // Seeds differ per request: equal seeds would give n equal samples.
        List<Completion> completions = new ArrayList<>();
        Calls.concurrently(name, request.n(), MAX_PARALLEL, i -> call(request, 0, request.seed() + i, i))
                .forEach(completions::addAll);
        return List.copyOf(completions);
    }

    @Override
    public Completion completePrompt(String prompt, long seed) {
        ObjectNode body = JSON.createObjectNode().put("model", endpoint.model());
        if (api == OpenAiApi.CHAT) {
            body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        } else {
            body.put("prompt", prompt);
        }
        body.put("temperature", endpoint.temperature()).put("top_p", endpoint.topP())
                .put("max_tokens", endpoint.maxTokens()).put("seed", seed);
        return Calls.await(name, http.post(body.toString(), answer -> completions(answer, 1))).get(0);
    }

    /**
     * @param n     the {@code "n"} to send, or 0 to send none and expect one choice
     * @param first the request-wide index of this call's first completion, for streamed text
     */
    private CompletableFuture<List<Completion>> call(CompletionRequest request, int n, long seed, int first) {
        ObjectNode body = JSON.createObjectNode().put("model", endpoint.model());
        api.putConversation(body, request.conversation());
        body.put("temperature", endpoint.temperature()).put("top_p", endpoint.topP())
                .put("max_tokens", endpoint.maxTokens()).put("seed", seed);
        if (n > 0) {
            body.put("n", n);
        }
        int expected = Math.max(n, 1);
        if (endpoint.stream() && request.streaming()) {
            body.put("stream", true);
            return http.stream(body.toString(), () -> new Streamed(expected, first, request.stream()));
        }
        return http.post(body.toString(), answer -> completions(answer, expected));
    }

    /**
     * One streamed answer: each chunk's {@code choices[].delta.content} (chat) or {@code choices[].text}
     * (completions) is appended to its choice and passed on at once; leading whitespace is held back
     * until the first visible character, as the unstreamed text is stripped.
     */
    private final class Streamed implements JsonPost.StreamReader<List<Completion>> {
        private final StringBuilder[] texts;
        private final String[] finish;
        private final int first;
        private final TextStream out;
        private final StringBuilder raw = new StringBuilder();

        Streamed(int expected, int first, TextStream out) {
            this.texts = new StringBuilder[expected];
            this.finish = new String[expected];
            this.first = first;
            this.out = out;
            for (int i = 0; i < expected; i++) {
                texts[i] = new StringBuilder();
            }
        }

        @Override
        public void event(JsonNode data) {
            if (raw.length() < 2_000) {
                raw.append(data).append('\n');
            }
            JsonNode choices = data.get("choices");
            if (choices == null || !choices.isArray()) {
                if (data.has("error")) {
                    throw http.broken("the stream carried an error", data.toString());
                }
                return; // e.g. a usage chunk
            }
            for (JsonNode choice : choices) {
                int index = choice.path("index").asInt(0);
                if (index < 0 || index >= texts.length) {
                    throw http.broken("a chunk for choice " + index + " of " + texts.length, data.toString());
                }
                String delta = api.deltaText(choice);
                if (delta != null && !delta.isEmpty()) {
                    StringBuilder text = texts[index];
                    boolean visibleBefore = !text.toString().isBlank();
                    text.append(delta);
                    if (visibleBefore) {
                        out.delta(first + index, delta);
                    } else if (!text.toString().isBlank()) {
                        out.delta(first + index, text.toString().stripLeading());
                    }
                }
                JsonNode reason = choice.path("finish_reason");
                if (reason.isTextual()) {
                    finish[index] = reason.asText();
                }
            }
        }

        @Override
        public List<Completion> finish(long latencyMillis) {
            List<Completion> completions = new ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                if (texts[i].length() == 0 && finish[i] == null) {
                    throw http.broken("the stream ended without choice " + i + " of " + texts.length, raw.toString());
                }
                completions.add(new Completion(texts[i].toString().strip(), name, latencyMillis,
                        finish[i] == null ? "unknown" : finish[i]));
            }
            return completions;
        }
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
            Completion c = new Completion(text, name, answer.latencyMillis(), finish.isTextual() ? finish.asText() : "unknown");
            completions.add(i == 0 ? c.withUsage(Completion.usage(answer.body().path("usage").path("prompt_tokens").asLong(-1),
                    answer.body().path("usage").path("completion_tokens").asLong(-1))) : c);
        }
        return completions;
    }
}
