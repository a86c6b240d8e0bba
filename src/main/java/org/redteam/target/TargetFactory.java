package org.redteam.target;

import org.redteam.backend.ModelBackend;
import org.redteam.config.BackendSpec;
import org.redteam.config.InterventionSpec;
import org.redteam.config.TargetConfig;
import org.redteam.intervention.PromptPrefix;
import org.redteam.intervention.Prompts;
import org.redteam.intervention.RejectionSampling;
import org.redteam.intervention.SafetyIntervention;
import org.redteam.scoring.PreferenceModel;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a target's configuration into a working target: its backend (built by App) wrapped by its interventions. */
public final class TargetFactory {

    /** Builds the backend of one target from its spec. */
    @FunctionalInterface
    public interface Backends {
        ModelBackend create(String targetId, BackendSpec spec);
    }

    private final Backends backends;
    private final Optional<Supplier<PreferenceModel>> preferenceModel;

    /** Targets whose backends {@code backends} builds: the real ones (App) or scripted ones in tests. */
    public TargetFactory(Backends backends) {
        this(backends, Optional.empty());
    }

    private TargetFactory(Backends backends, Optional<Supplier<PreferenceModel>> preferenceModel) {
        this.backends = backends;
        this.preferenceModel = preferenceModel;
    }

    /** The same factory whose rejection sampling ranks with {@code model} (loaded on first use). */
    public TargetFactory withPreferenceModel(Supplier<PreferenceModel> model) {
        return new TargetFactory(backends, Optional.of(model));
    }

    public Target create(long id, TargetConfig config) {
        ModelBackend backend = backends.create(config.id(), config.backend());
        for (InterventionSpec spec : config.interventions()) {
            backend = intervention(config.id(), spec).around(backend);
        }
        return new Target(id, config.id(), config.modelType(), config.size(), config.backend().kind(),
                config.backend().demo(), backend);
    }

    /** One line per intervention kind. */
    private SafetyIntervention intervention(String targetId, InterventionSpec spec) {
        if (spec instanceof InterventionSpec.OneShotPrompt) {
            return new PromptPrefix(Prompts.ONE_SHOT);
        }
        if (spec instanceof InterventionSpec.HhhPrompt hhh) {
            return new PromptPrefix(hhh.promptFile().map(f -> Prompts.read(f, "targets." + targetId + ".prompt_file"))
                    .orElse(Prompts.HHH));
        }
        if (spec instanceof InterventionSpec.RejectionSampling rs) {
            return new RejectionSampling(rs.samples(), preferenceModel.orElseThrow(() -> new IllegalStateException(
                    "target " + targetId + ": rejection sampling needs a preference model")));
        }
        throw new IllegalStateException("no intervention is wired for kind '" + spec.kind() + "'");
    }

}
