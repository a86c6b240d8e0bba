package org.redteam.target;

import org.redteam.backend.ModelBackend;
import org.redteam.backend.anthropic.AnthropicBackend;
import org.redteam.backend.demo.DemoBackend;
import org.redteam.backend.gguf.GgufBackend;
import org.redteam.backend.openai.OpenAiBackend;
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

/** The one place that turns a target's configuration into a working backend. */
public final class TargetFactory {

    /** Builds the backend of one target from its spec. */
    @FunctionalInterface
    public interface Backends {
        ModelBackend create(String targetId, BackendSpec spec);
    }

    private final Backends backends;
    private final Optional<Supplier<PreferenceModel>> preferenceModel;

    /** The real backends. */
    public TargetFactory() {
        this(TargetFactory::standard);
    }

    /** Other backends, e.g. scripted ones in tests. */
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

    /** One line per backend kind. */
    static ModelBackend standard(String targetId, BackendSpec spec) {
        if (spec instanceof BackendSpec.Demo demo) {
            return new DemoBackend(targetId + "/demo", demo.seed());
        }
        if (spec instanceof BackendSpec.OpenAiChat chat) {
            return OpenAiBackend.chat(targetId, chat);
        }
        if (spec instanceof BackendSpec.OpenAiCompletions completions) {
            return OpenAiBackend.completions(targetId, completions);
        }
        if (spec instanceof BackendSpec.Anthropic anthropic) {
            return AnthropicBackend.create(targetId, anthropic);
        }
        if (spec instanceof BackendSpec.Gguf gguf) {
            return GgufBackend.create(targetId, gguf);
        }
        throw new IllegalStateException("no backend is wired for kind '" + spec.kind() + "'");
    }
}
