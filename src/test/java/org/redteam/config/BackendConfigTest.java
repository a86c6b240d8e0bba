package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redteam.config.BackendSpec.OpenAiEndpoint;

class BackendConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader(Map.of("VLLM_KEY", "secret-value")::get);

    /** A campaign with one target whose backend mapping is {@code backend}. */
    private CampaignConfig parse(String backend) {
        return loader.parse("campaign.yaml", """
                name: x
                targets:
                  - id: a
                    model_type: rlhf
                    size: 8B
                    backend: %s
                """.formatted(backend));
    }

    private BackendSpec backendOf(String backend) {
        return parse(backend).targets().get(0).backend();
    }

    @Test
    void readsAChatBackendAndFillsDefaults() {
        BackendSpec spec = backendOf("{kind: openai-chat, base_url: 'http://localhost:11434/v1/', model: llama3}");

        assertThat(spec).isEqualTo(new BackendSpec.OpenAiChat(
                OpenAiEndpoint.of(URI.create("http://localhost:11434/v1"), "llama3")));
        OpenAiEndpoint e = ((BackendSpec.OpenAiChat) spec).endpoint();
        assertThat(e.temperature()).isEqualTo(1.0);
        assertThat(e.topP()).isEqualTo(1.0);
        assertThat(e.maxTokens()).isEqualTo(256);
        assertThat(e.nInOneRequest()).isTrue();
        assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.kind()).isEqualTo("openai-chat");
        assertThat(spec.demo()).isFalse();
    }

    @Test
    void readsACompletionsBackendWithEveryKey() {
        BackendSpec spec = backendOf("""
                {kind: openai-completions, base_url: 'https://vllm.internal:8000/v1', model: meta-llama/Llama-3.1-8B,
                      api_key_env: VLLM_KEY, temperature: 0.7, top_p: 0.95, max_tokens: 128,
                      n_in_one_request: false, timeout_ms: 5000}""");

        assertThat(spec).isEqualTo(new BackendSpec.OpenAiCompletions(new OpenAiEndpoint(
                URI.create("https://vllm.internal:8000/v1"), "meta-llama/Llama-3.1-8B", Optional.of("VLLM_KEY"),
                0.7, 0.95, 128, false, Duration.ofMillis(5000), false, RetryPolicy.DEFAULT)));
    }

    @Test
    void acceptsAWholeNumberTemperature() {
        BackendSpec spec = backendOf("{kind: openai-chat, base_url: 'http://h/v1', model: m, temperature: 0}");

        assertThat(((BackendSpec.OpenAiChat) spec).endpoint().temperature()).isZero();
    }

    @Test
    void namesMissingBaseUrlAndModel() {
        assertThatThrownBy(() -> parse("{kind: openai-chat}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: targets[0].backend.base_url: required")
                .hasMessageContaining("campaign.yaml: targets[0].backend.model: required");
    }

    @Test
    void namesABadBaseUrl() {
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'localhost:8000', model: m}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.base_url: must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'http://h:8000/v1/chat/completions', model: m}"))
                .hasMessageContaining("targets[0].backend.base_url: give the base URL such as http://localhost:8000/v1");
    }

    @Test
    void refusesCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'http://user:hunter2@h/v1', model: m}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.base_url: must not carry credentials")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void namesUnknownKeys() {
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'http://h/v1', model: m, api_key: sk-abc}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.api_key: unknown key (known here: api_key_env, base_url");
        assertThatThrownBy(() -> parse("{kind: demo, model: m}"))
                .hasMessageContaining("targets[0].backend.model: unknown key");
    }

    @Test
    void namesANonBooleanNInOneRequest() {
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'http://h/v1', model: m, n_in_one_request: 'yes'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.n_in_one_request: must be true or false, got 'yes'");
    }

    @Test
    void namesOutOfRangeSamplingSettings() {
        assertThatThrownBy(() -> parse("""
                {kind: openai-chat, base_url: 'http://h/v1', model: m, temperature: 3, top_p: hot,
                      max_tokens: 0, timeout_ms: -1}"""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.temperature: must be between 0.0 and 2.0, got 3")
                .hasMessageContaining("targets[0].backend.top_p: must be a number, got 'hot'")
                .hasMessageContaining("targets[0].backend.max_tokens: must be between 1 and 1000000, got 0")
                .hasMessageContaining("targets[0].backend.timeout_ms: must be between 1 and 600000, got -1");
    }

    @Test
    void namesAnUnsetOrMisusedApiKeyEnvWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'http://h/v1', model: m, api_key_env: OTHER_KEY}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.api_key_env: the environment variable OTHER_KEY is not set");
        assertThatThrownBy(() -> parse("{kind: openai-chat, base_url: 'http://h/v1', model: m, api_key_env: sk-live-123}"))
                .hasMessageContaining("targets[0].backend.api_key_env: must be the NAME of an environment variable")
                .hasMessageNotContaining("sk-live-123");
    }

    @Test
    void listsTheKnownKindsForAnUnknownOne() {
        assertThatThrownBy(() -> parse("{kind: claude}"))
                .hasMessageContaining("targets[0].backend.kind: unknown backend 'claude' "
                        + "(known: demo, openai-chat, openai-completions, anthropic");
    }
}
