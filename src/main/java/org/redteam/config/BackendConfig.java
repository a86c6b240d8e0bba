package org.redteam.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.redteam.config.BackendSpec.OpenAiEndpoint;

/**
 * Parses {@code targets[i].backend: {kind: demo | openai-chat | openai-completions | anthropic | gguf, …}}. Every problem is
 * reported on the key it is about; a spec with a problem is not built (the file is refused anyway).
 */
final class BackendConfig {
    static final int MAX_TIMEOUT_MS = 600_000;
    static final int MAX_TOKENS_LIMIT = 1_000_000;
    static final String KNOWN = String.join(", ", BackendSpec.Demo.KIND, BackendSpec.OpenAiChat.KIND,
            BackendSpec.OpenAiCompletions.KIND, BackendSpec.Anthropic.KIND, BackendSpec.Gguf.KIND);
    private static final Set<String> OPENAI_KEYS = Set.of("kind", "base_url", "model", "api_key_env", "temperature",
            "top_p", "max_tokens", "n_in_one_request", "timeout_ms", "stream", "max_retries", "retry_backoff_ms");
    private static final Set<String> ANTHROPIC_KEYS = Set.of("kind", "base_url", "model", "api_key_env", "max_tokens",
            "temperature", "top_p", "system", "anthropic_version", "timeout_ms", "max_retries", "retry_backoff_ms");

    private final UnaryOperator<String> env;

    /** @param env reads an environment variable (null when unset), to check that a named API key is set */
    BackendConfig(UnaryOperator<String> env) {
        this.env = env;
    }

    /** The spec, or null when the node has a problem (already reported). */
    BackendSpec parse(Node b) {
        if (!b.isObject()) {
            b.error("", "must be a mapping such as {kind: demo} or {kind: openai-chat, base_url: …, model: …}");
            return null;
        }
        String kind = b.requiredText("kind");
        if (kind == null) {
            return null;
        }
        if (BackendSpec.Demo.KIND.equals(kind)) {
            b.onlyKeys(Set.of("kind", "seed"));
            return new BackendSpec.Demo(b.optionalLong("seed").orElse(0L));
        }
        if (BackendSpec.OpenAiChat.KIND.equals(kind)) {
            return openAi(b).map(BackendSpec.OpenAiChat::new).orElse(null);
        }
        if (BackendSpec.OpenAiCompletions.KIND.equals(kind)) {
            return openAi(b).map(BackendSpec.OpenAiCompletions::new).orElse(null);
        }
        if (BackendSpec.Anthropic.KIND.equals(kind)) {
            return anthropic(b).orElse(null);
        }
        if (BackendSpec.Gguf.KIND.equals(kind)) {
            return GgufConfig.parse(b);
        }
        b.error("kind", "unknown backend '" + kind + "' (known: " + KNOWN + ")");
        return null;
    }

    private Optional<OpenAiEndpoint> openAi(Node b) {
        b.onlyKeys(OPENAI_KEYS);
        Optional<URI> baseUrl = baseUrl(b);
        String model = b.requiredText("model");
        Optional<String> keyEnv = apiKeyEnv(b);
        // OpenAI's documented ranges; other servers accept the same.
        Optional<Double> temperature = b.doubleInRange("temperature", 0, 2);
        Optional<Double> topP = b.doubleInRange("top_p", 0, 1);
        Optional<Integer> maxTokens = b.intInRange("max_tokens", 1, MAX_TOKENS_LIMIT);
        Optional<Boolean> oneRequest = b.optionalBoolean("n_in_one_request");
        Optional<Integer> timeoutMs = b.intInRange("timeout_ms", 1, MAX_TIMEOUT_MS);
        Optional<Boolean> stream = b.optionalBoolean("stream");
        RetryPolicy retry = retry(b);
        if (baseUrl.isEmpty() || model == null) {
            return Optional.empty();
        }
        return Optional.of(new OpenAiEndpoint(baseUrl.get(), model, keyEnv,
                temperature.orElse(OpenAiEndpoint.DEFAULT_TEMPERATURE), topP.orElse(OpenAiEndpoint.DEFAULT_TOP_P),
                maxTokens.orElse(OpenAiEndpoint.DEFAULT_MAX_TOKENS), oneRequest.orElse(true),
                timeoutMs.map(Duration::ofMillis).orElse(OpenAiEndpoint.DEFAULT_TIMEOUT), stream.orElse(false), retry));
    }

    private Optional<BackendSpec.Anthropic> anthropic(Node b) {
        b.onlyKeys(ANTHROPIC_KEYS);
        Optional<URI> baseUrl = b.has("base_url") ? anthropicBaseUrl(b)
                : Optional.of(BackendSpec.Anthropic.DEFAULT_BASE_URL);
        String model = b.requiredText("model");
        if (!b.has("api_key_env")) {
            b.error("api_key_env", "required: the NAME of the environment variable holding the Anthropic API key");
        }
        Optional<String> keyEnv = apiKeyEnv(b);
        Optional<Integer> maxTokens = b.intInRange("max_tokens", 1, MAX_TOKENS_LIMIT);
        // Anthropic's documented ranges.
        Optional<Double> temperature = b.doubleInRange("temperature", 0, 1);
        Optional<Double> topP = b.doubleInRange("top_p", 0, 1);
        Optional<String> system = b.optionalText("system");
        Optional<String> version = b.optionalText("anthropic_version");
        Optional<Integer> timeoutMs = b.intInRange("timeout_ms", 1, MAX_TIMEOUT_MS);
        RetryPolicy retry = retry(b);
        if (baseUrl.isEmpty() || model == null || keyEnv.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BackendSpec.Anthropic(baseUrl.get(), model, keyEnv.get(),
                maxTokens.orElse(BackendSpec.Anthropic.DEFAULT_MAX_TOKENS),
                temperature.orElse(BackendSpec.Anthropic.DEFAULT_TEMPERATURE), topP, system,
                version.orElse(BackendSpec.Anthropic.DEFAULT_VERSION),
                timeoutMs.map(Duration::ofMillis).orElse(BackendSpec.Anthropic.DEFAULT_TIMEOUT), retry));
    }

    /** {@code max_retries} (0–10) and {@code retry_backoff_ms}; the defaults when absent or wrong (reported). */
    private static RetryPolicy retry(Node b) {
        Optional<Integer> retries = b.intInRange("max_retries", 0, RetryPolicy.MAX_RETRIES_LIMIT);
        Optional<Integer> backoffMs = b.intInRange("retry_backoff_ms", 1, MAX_TIMEOUT_MS);
        return new RetryPolicy(retries.orElse(RetryPolicy.DEFAULT_MAX_RETRIES),
                backoffMs.map(Duration::ofMillis).orElse(RetryPolicy.DEFAULT_BACKOFF));
    }

    /** As {@link #baseUrl}, but the backend appends {@code /v1/messages}, so the URL must not end in /v1. */
    private static Optional<URI> anthropicBaseUrl(Node b) {
        Optional<URI> url = baseUrl(b);
        String path = url.map(u -> u.getPath() == null ? "" : u.getPath()).orElse("");
        if (path.endsWith("/v1") || path.endsWith("/messages")) {
            b.error("base_url", "give the base URL such as https://api.anthropic.com; the backend appends "
                    + "/v1/messages itself, got '" + url.get() + "'");
            return Optional.empty();
        }
        return url;
    }

    /** The NAME of the variable holding the key; it must be set now, so a missing key fails at start. */
    private Optional<String> apiKeyEnv(Node b) {
        Optional<String> name = b.optionalText("api_key_env");
        if (name.isEmpty()) {
            return name;
        }
        if (!name.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            // Never echo the value: it may be the key itself, pasted by mistake.
            b.error("api_key_env", "must be the NAME of an environment variable (letters, digits and _), "
                    + "not the key itself");
            return Optional.empty();
        }
        String value = env.apply(name.get());
        if (value == null || value.isBlank()) {
            b.error("api_key_env", "the environment variable " + name.get() + " is not set");
        }
        return name;
    }

    /** http(s) with a host, without query or user info; a trailing slash is dropped. */
    private static Optional<URI> baseUrl(Node b) {
        String text = b.requiredText("base_url");
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            URI url = new URI(trimmed);
            boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
            if (url.getRawUserInfo() != null) {
                // Not echoed: the user info may be a password or key.
                b.error("base_url", "must not carry credentials in the URL; name the key's variable in api_key_env");
                return Optional.empty();
            }
            if (http && url.getHost() != null && url.getRawQuery() == null) {
                String path = url.getPath() == null ? "" : url.getPath();
                if (path.endsWith("/completions")) {
                    b.error("base_url", "give the base URL such as http://localhost:8000/v1; the backend appends "
                            + "/chat/completions or /completions itself, got '" + text + "'");
                    return Optional.empty();
                }
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // reported below, with the accepted form
        }
        b.error("base_url", "must be an http:// or https:// URL with a host and no query, such as "
                + "http://localhost:8000/v1, got '" + text + "'");
        return Optional.empty();
    }
}
