package org.redteam.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one model: one record per backend kind, parsed from {@code backend: {kind: …}}.
 * A new backend adds a record here, a case in {@link CampaignConfigLoader} and a line in the target factory.
 */
public sealed interface BackendSpec permits BackendSpec.Demo, BackendSpec.OpenAiChat, BackendSpec.OpenAiCompletions,
        BackendSpec.Anthropic, BackendSpec.Gguf {

    /** The {@code kind} string of the config file. */
    String kind();

    /** True for backends that produce no real model output; their data is labelled "demo" everywhere. */
    default boolean demo() {
        return false;
    }

    /** The offline demo backend: our own canned texts, drawn with {@code seed}. */
    record Demo(long seed) implements BackendSpec {
        public static final String KIND = "demo";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public boolean demo() {
            return true;
        }
    }

    /** Any OpenAI-compatible chat server (OpenAI, vLLM, Ollama, llama.cpp, TGI): {@code POST {base_url}/chat/completions}. */
    record OpenAiChat(OpenAiEndpoint endpoint) implements BackendSpec {
        public static final String KIND = "openai-chat";

        public OpenAiChat {
            Objects.requireNonNull(endpoint, "endpoint");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A base (non-chat) model behind an OpenAI-compatible {@code POST {base_url}/completions}: the conversation is
     * sent as the released "Human: … Assistant:" prompt.
     */
    record OpenAiCompletions(OpenAiEndpoint endpoint) implements BackendSpec {
        public static final String KIND = "openai-completions";

        public OpenAiCompletions {
            Objects.requireNonNull(endpoint, "endpoint");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Anthropic's Messages API: {@code POST {base_url}/v1/messages}. The API has no {@code "n"}: n candidates are
     * n concurrent requests.
     *
     * @param baseUrl          e.g. {@code https://api.anthropic.com}, without {@code /v1} or a trailing slash
     * @param apiKeyEnv        the NAME of the environment variable holding the key, never the key
     * @param topP             sent only when configured (Anthropic advises setting temperature or top_p, not both)
     * @param system           the {@code "system"} prompt of every request, if any
     * @param anthropicVersion the {@code anthropic-version} header
     * @param timeout          for connecting and for the whole answer of one request
     * @param retry            how transient failures are retried
     */
    record Anthropic(URI baseUrl, String model, String apiKeyEnv, int maxTokens, double temperature,
                     Optional<Double> topP, Optional<String> system, String anthropicVersion, Duration timeout,
                     RetryPolicy retry)
            implements BackendSpec {
        public static final String KIND = "anthropic";
        public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
        public static final String DEFAULT_VERSION = "2023-06-01";
        public static final int DEFAULT_MAX_TOKENS = 256;
        public static final double DEFAULT_TEMPERATURE = 1.0;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Anthropic {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
            Objects.requireNonNull(topP, "topP");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(anthropicVersion, "anthropicVersion");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(retry, "retry");
        }

        /** The defaults of every optional key. */
        public static Anthropic of(URI baseUrl, String model, String apiKeyEnv) {
            return new Anthropic(baseUrl, model, apiKeyEnv, DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE, Optional.empty(),
                    Optional.empty(), DEFAULT_VERSION, DEFAULT_TIMEOUT, RetryPolicy.DEFAULT);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * A local GGUF model file run in-process by llama.cpp; the conversation is sent as the released
     * "Human: … Assistant:" prompt, as for {@link OpenAiCompletions}.
     *
     * @param path        the .gguf file, checked to exist and be readable when the config is read
     * @param contextSize tokens of prompt plus completion the model sees
     * @param threads     CPU threads for generation
     * @param seed        mixed into every request's seed, so targets on the same file sample differently
     */
    record Gguf(Path path, int contextSize, int threads, double temperature, double topP, int maxTokens, long seed)
            implements BackendSpec {
        public static final String KIND = "gguf";
        public static final int DEFAULT_CONTEXT_SIZE = 2048;
        public static final double DEFAULT_TEMPERATURE = 0.8;
        public static final double DEFAULT_TOP_P = 0.95;
        public static final int DEFAULT_MAX_TOKENS = 256;

        public Gguf {
            Objects.requireNonNull(path, "path");
        }

        /** The defaults of every optional key; threads: one per core. */
        public static Gguf of(Path path) {
            return new Gguf(path, DEFAULT_CONTEXT_SIZE, Runtime.getRuntime().availableProcessors(),
                    DEFAULT_TEMPERATURE, DEFAULT_TOP_P, DEFAULT_MAX_TOKENS, 0L);
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /**
     * Where and how to call an OpenAI-compatible server; shared by both OpenAI kinds.
     *
     * @param baseUrl       e.g. {@code http://localhost:11434/v1}, without the trailing slash or endpoint path
     * @param apiKeyEnv     the NAME of the environment variable holding the bearer token, never the token
     * @param nInOneRequest true: one request with {@code "n"}; false: n concurrent requests (servers without "n")
     * @param timeout       for connecting and for the whole answer of one request
     * @param stream        ask for server-sent events, so red teamers see candidates as they are written
     * @param retry         how transient failures are retried
     */
    record OpenAiEndpoint(URI baseUrl, String model, Optional<String> apiKeyEnv, double temperature, double topP,
                          int maxTokens, boolean nInOneRequest, Duration timeout, boolean stream, RetryPolicy retry) {
        public static final double DEFAULT_TEMPERATURE = 1.0;
        public static final double DEFAULT_TOP_P = 1.0;
        public static final int DEFAULT_MAX_TOKENS = 256;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public OpenAiEndpoint {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(retry, "retry");
        }

        /** The defaults of every optional key. */
        public static OpenAiEndpoint of(URI baseUrl, String model) {
            return new OpenAiEndpoint(baseUrl, model, Optional.empty(), DEFAULT_TEMPERATURE, DEFAULT_TOP_P,
                    DEFAULT_MAX_TOKENS, true, DEFAULT_TIMEOUT, false, RetryPolicy.DEFAULT);
        }
    }
}
