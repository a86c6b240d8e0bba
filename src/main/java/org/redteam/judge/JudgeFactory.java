package org.redteam.judge;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.redteam.backend.ModelBackend;
import org.redteam.config.BackendSpec;
import org.redteam.config.JudgeConfig;
import org.redteam.config.JudgeSpec;
import org.redteam.scoring.PreferenceModel;

/**
 * The one place that turns a judge's spec into a judge: one line per kind. What a judge needs from the rest of
 * the platform comes in here: backends by spec (the composition root's own mapping, so this package names no
 * concrete backend) and the campaign's preference model.
 */
public final class JudgeFactory {
    private final BiFunction<String, BackendSpec, ModelBackend> backends;
    private final Supplier<PreferenceModel> preferenceModel;

    /**
     * @param backends        builds the backend a judge asks, from the judge's id and its {@code backend:} spec
     * @param preferenceModel the campaign's preference model, asked for only by judges that use it
     */
    public JudgeFactory(BiFunction<String, BackendSpec, ModelBackend> backends, Supplier<PreferenceModel> preferenceModel) {
        this.backends = Objects.requireNonNull(backends, "backends");
        this.preferenceModel = Objects.requireNonNull(preferenceModel, "preferenceModel");
    }

    public List<Judge> build(List<JudgeConfig> configs) {
        return configs.stream().map(this::build).toList();
    }

    public Judge build(JudgeConfig config) {
        if (config.spec() instanceof JudgeSpec.PmThreshold p) {
            return new PmThresholdJudge(config.id(), preferenceModel, p.threshold().orElse(PmThresholdJudge.DEFAULT_THRESHOLD));
        }
        if (config.spec() instanceof JudgeSpec.Trained t) {
            return TrainedJudge.load(config.id(), t.model());
        }
        if (config.spec() instanceof JudgeSpec.Llm llm) {
            return LlmJudge.create(config.id(), llm, backends.apply(config.id(), llm.backend()));
        }
        if (config.spec() instanceof JudgeSpec.LlamaGuard guard) {
            return LlamaGuardJudge.create(config.id(), guard, backends.apply(config.id(), guard.backend()));
        }
        throw new IllegalStateException("no judge is wired for kind '" + config.spec().kind() + "' (judge " + config.id() + ")");
    }

    BiFunction<String, BackendSpec, ModelBackend> backends() {
        return backends;
    }

    Supplier<PreferenceModel> preferenceModel() {
        return preferenceModel;
    }
}
