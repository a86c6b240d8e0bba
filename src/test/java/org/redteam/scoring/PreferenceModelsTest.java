package org.redteam.scoring;

import org.redteam.config.PreferenceModelSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.problem.InvalidInputException;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.FakePreferenceModelServer;

class PreferenceModelsTest {
    @TempDir
    Path dir;

    @Test
    void buildsARemoteModelWithTheKeyFromTheNamedVariable() {
        try (FakePreferenceModelServer server = FakePreferenceModelServer.minusLength()) {
            PreferenceModelSpec spec = new PreferenceModelSpec.Remote(server.url(), Duration.ofSeconds(5), Optional.of("PM_KEY"));

            PreferenceModel model = PreferenceModels.load(spec, Map.of("PM_KEY", "k-123")::get);

            assertThat(model.harmlessness("c", "abc")).isEqualTo(-3.0);
            assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer k-123");
            assertThat(model.name()).isEqualTo("remote " + server.url());
        }
    }

    @Test
    void refusesARemoteModelWhoseKeyVariableIsUnset() {
        PreferenceModelSpec spec = new PreferenceModelSpec.Remote(URI.create("http://127.0.0.1:9/score"),
                Duration.ofSeconds(1), Optional.of("PM_KEY"));

        assertThatThrownBy(() -> PreferenceModels.load(spec, name -> null))
                .isInstanceOf(ScoringException.class)
                .hasMessage("the environment variable PM_KEY (preference_model.api_key_env) is not set; "
                        + "it must hold the remote model's API key");
    }

    @Test
    void refusesAModelFileThatDoesNotExist() {
        Path missing = dir.resolve("missing.pm");

        assertThatThrownBy(() -> PreferenceModels.load(Optional.of(missing)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("preference model file " + missing + ": no such file");
    }

    @Test
    void readsTheScoreOptionAsAUrlOrAFile() {
        assertThat(PreferenceModelSpec.ofOption("https://pm.example.org/score")).isEqualTo(new PreferenceModelSpec.Remote(
                URI.create("https://pm.example.org/score"), Duration.ofSeconds(10), Duration.ofSeconds(10), 64, Optional.empty()));
        assertThat(PreferenceModelSpec.ofOption("models/pm.bin")).isEqualTo(new PreferenceModelSpec.File(Path.of("models/pm.bin")));
        assertThatThrownBy(() -> PreferenceModelSpec.ofOption("http://bad host/score"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--model: 'http://bad host/score' is neither a model file nor an http(s) URL: ");
    }

    @Test
    void loadsLazilyOnceAndRetriesAfterAFailure() {
        FakePreferenceModel fake = FakePreferenceModel.named("pm-x");
        int[] loads = {0};
        LazyPreferenceModel lazy = LazyPreferenceModel.of("the test model", () -> {
            if (++loads[0] == 1) {
                throw new ScoringException("not yet");
            }
            return fake;
        });

        assertThat(lazy.description()).isEqualTo("the test model");
        assertThat(loads[0]).isZero();
        assertThatThrownBy(lazy::get).hasMessage("not yet");
        assertThat(lazy.get()).isSameAs(fake);
        assertThat(lazy.get()).isSameAs(fake);
        assertThat(loads[0]).isEqualTo(2);
        assertThat(lazy.description()).isEqualTo("pm-x");
        assertThat(LazyPreferenceModel.of(new PreferenceModelSpec.Default()).description())
                .isEqualTo("the default preference model");
    }
}
