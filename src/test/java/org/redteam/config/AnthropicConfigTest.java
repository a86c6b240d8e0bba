package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnthropicConfigTest {
    private static final String KEY = "sk-ant-secret-value";
    private final CampaignConfigLoader loader = new CampaignConfigLoader(Map.of("ANTHROPIC_API_KEY", KEY)::get);

    /** A campaign with one target whose backend mapping is {@code backend}. */
    private CampaignConfig parse(String backend) {
        return loader.parse("campaign.yaml", """
                name: x
                targets:
                  - id: a
                    model_type: rlhf
                    size: unknown
                    backend: %s
                """.formatted(backend));
    }

    private BackendSpec backendOf(String backend) {
        return parse(backend).targets().get(0).backend();
    }

    @Test
    void readsAnAnthropicBackendAndFillsDefaults() {
        BackendSpec spec = backendOf("{kind: anthropic, model: claude-sonnet-4-5, api_key_env: ANTHROPIC_API_KEY}");

        assertThat(spec).isEqualTo(BackendSpec.Anthropic.of(URI.create("https://api.anthropic.com"),
                "claude-sonnet-4-5", "ANTHROPIC_API_KEY"));
        BackendSpec.Anthropic a = (BackendSpec.Anthropic) spec;
        assertThat(a.maxTokens()).isEqualTo(256);
        assertThat(a.temperature()).isEqualTo(1.0);
        assertThat(a.topP()).isEmpty();
        assertThat(a.system()).isEmpty();
        assertThat(a.anthropicVersion()).isEqualTo("2023-06-01");
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.kind()).isEqualTo("anthropic");
        assertThat(spec.demo()).isFalse();
    }

    @Test
    void readsEveryKey() {
        BackendSpec spec = backendOf("""
                {kind: anthropic, base_url: 'https://proxy.internal:8443/', model: claude-x,
                      api_key_env: ANTHROPIC_API_KEY, max_tokens: 512, temperature: 0.5, top_p: 0.9,
                      system: 'You are a helpful assistant.', anthropic_version: '2024-01-01', timeout_ms: 5000}""");

        assertThat(spec).isEqualTo(new BackendSpec.Anthropic(URI.create("https://proxy.internal:8443"), "claude-x",
                "ANTHROPIC_API_KEY", 512, 0.5, Optional.of(0.9), Optional.of("You are a helpful assistant."),
                "2024-01-01", Duration.ofMillis(5000), RetryPolicy.DEFAULT));
    }

    @Test
    void namesMissingModelAndApiKeyEnv() {
        assertThatThrownBy(() -> parse("{kind: anthropic}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: targets[0].backend.model: required")
                .hasMessageContaining("campaign.yaml: targets[0].backend.api_key_env: required");
    }

    @Test
    void namesAnUnsetKeyVariable() {
        assertThatThrownBy(() -> parse("{kind: anthropic, model: m, api_key_env: NOT_SET}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.api_key_env: the environment variable NOT_SET is not set");
    }

    @Test
    void refusesAKeyPastedIntoApiKeyEnvWithoutEchoingIt() {
        assertThatThrownBy(() -> parse("{kind: anthropic, model: m, api_key_env: 'sk-ant-api03-abc.def'}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.api_key_env: must be the NAME of an environment variable")
                .hasMessageNotContaining("sk-ant-api03-abc.def");
    }

    @Test
    void refusesABaseUrlEndingInV1() {
        assertThatThrownBy(() -> parse("{kind: anthropic, base_url: 'https://api.anthropic.com/v1', model: m, "
                + "api_key_env: ANTHROPIC_API_KEY}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.base_url: give the base URL such as https://api.anthropic.com");
    }

    @Test
    void namesOutOfRangeSettings() {
        assertThatThrownBy(() -> parse("{kind: anthropic, model: m, api_key_env: ANTHROPIC_API_KEY, temperature: 1.5, "
                + "top_p: 2, max_tokens: 0, timeout_ms: 0}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.temperature")
                .hasMessageContaining("targets[0].backend.top_p")
                .hasMessageContaining("targets[0].backend.max_tokens")
                .hasMessageContaining("targets[0].backend.timeout_ms");
    }

    @Test
    void namesAnUnknownKey() {
        assertThatThrownBy(() -> parse("{kind: anthropic, model: m, api_key_env: ANTHROPIC_API_KEY, n_in_one_request: true}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets[0].backend.n_in_one_request: unknown key")
                .hasMessageContaining("anthropic_version");
    }

    @Test
    void listsAnthropicAmongTheKnownKinds() {
        assertThatThrownBy(() -> parse("{kind: claude}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("anthropic");
    }
}
