package org.redteam.scoring;

import org.redteam.config.PreferenceModelSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.redteam.problem.InvalidInputException;

/**
 * The one place that turns a {@link PreferenceModelSpec} into a model. Loading the default or a
 * file model reads weights (a second or more); a remote model only builds an HTTP client.
 */
public final class PreferenceModels {

    private PreferenceModels() {
    }

    public static PreferenceModel load(PreferenceModelSpec spec) {
        return load(spec, System::getenv);
    }

    /** The default model, or the trained model in {@code modelFile}. */
    public static PreferenceModel load(Optional<Path> modelFile) {
        return load(modelFile.<PreferenceModelSpec>map(PreferenceModelSpec.File::new)
                .orElseGet(PreferenceModelSpec.Default::new));
    }

    /** @param env reads an environment variable by name (null when unset); tests pass their own */
    static PreferenceModel load(PreferenceModelSpec spec, UnaryOperator<String> env) {
        if (spec instanceof PreferenceModelSpec.Default) {
            return TrainedPreferenceModel.loadDefault();
        }
        if (spec instanceof PreferenceModelSpec.File file) {
            if (!Files.isRegularFile(file.path())) {
                throw new InvalidInputException("preference model file " + file.path() + ": no such file");
            }
            return TrainedPreferenceModel.load(file.path());
        }
        PreferenceModelSpec.Remote remote = (PreferenceModelSpec.Remote) spec;
        return new RemotePreferenceModel(remote.url(), remote.timeout(), remote.connectTimeout(), remote.batchSize(),
                remote.apiKeyEnv().map(name -> apiKey(name, env)));
    }

    private static String apiKey(String variable, UnaryOperator<String> env) {
        String key = env.apply(variable);
        if (key == null || key.isBlank()) {
            throw new ScoringException("the environment variable " + variable
                    + " (preference_model.api_key_env) is not set; it must hold the remote model's API key");
        }
        return key.strip();
    }
}
