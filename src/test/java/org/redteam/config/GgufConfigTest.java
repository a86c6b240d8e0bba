package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader(Map.<String, String>of()::get);

    private BackendSpec backendOf(String backend) {
        return loader.parse("campaign.yaml", """
                name: x
                targets:
                  - id: a
                    model_type: plain lm
                    size: 260K
                    backend: %s
                """.formatted(backend)).targets().get(0).backend();
    }

    @Test
    void readsAGgufBackendAndFillsDefaults(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("m.gguf"), "GGUF....".getBytes());

        BackendSpec spec = backendOf("{kind: gguf, path: '" + model + "', max_tokens: 16, seed: 7}");

        assertThat(spec).isEqualTo(new BackendSpec.Gguf(model, 2048, Runtime.getRuntime().availableProcessors(),
                0.8, 0.95, 16, 7L));
    }

    @Test
    void refusesAMissingFileOnItsKey(@TempDir Path dir) {
        assertThatThrownBy(() -> backendOf("{kind: gguf, path: '" + dir.resolve("absent.gguf") + "'}"))
                .hasMessageContaining("targets[0].backend.path: no such file");
    }

    @Test
    void refusesAFileThatIsNotGguf(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("m.gguf"), "hello");

        assertThatThrownBy(() -> backendOf("{kind: gguf, path: '" + text + "', threads: 0}"))
                .hasMessageContaining("targets[0].backend.path: not a GGUF model file")
                .hasMessageContaining("targets[0].backend.threads");
    }
}
