package org.redteam;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.anthropic.AnthropicBackend;
import org.redteam.backend.demo.DemoBackend;
import org.redteam.backend.gguf.GgufBackend;
import org.redteam.backend.openai.OpenAiBackend;
import org.redteam.config.AttackerSpec;
import org.redteam.config.BackendSpec;
import org.redteam.config.CampaignConfig;
import org.redteam.config.PreferenceModelSpec;
import org.redteam.judge.Judge;
import org.redteam.judge.JudgeFactory;
import org.redteam.judge.TrainedJudge;
import org.redteam.replay.AttackSelection;
import org.redteam.replay.ReplaySetup;
import org.redteam.replay.ReplayWorkers;
import org.redteam.scoring.LazyPreferenceModel;
import org.redteam.scoring.PreferenceModel;
import org.redteam.storage.Database;
import org.redteam.storage.StoreLocation;
import org.redteam.target.Target;
import org.redteam.target.TargetFactory;

/**
 * The composition root: store location → database → repositories → services, as a {@link Store} (no campaign:
 * {@code users}, {@code import}, {@code export}, {@code score}, …) or a {@link Platform} (a running campaign:
 * {@code serve}). {@code main}, every command and the tests build the platform here; nothing is wired anywhere
 * else, and no other class names a concrete model backend.
 */
public final class App {

    private App() {
    }

    /** Opens (and migrates) the store, with the default preference model loaded on first use. */
    public static Store openStore(StoreLocation location, Clock clock) {
        return at(location).clock(clock).openStore();
    }

    /** Opens the store and starts the campaign on it, with the real backends and the campaign's preference model. */
    public static Platform start(StoreLocation location, CampaignConfig config, Clock clock) {
        return at(location).clock(clock).start(config);
    }

    /** A builder for the platform on {@code location}; unset parts get the defaults of {@link #start}. */
    public static Builder at(StoreLocation location) {
        return new Builder(location);
    }

    /** The targets of a campaign on the real backends. */
    public static TargetFactory targets() {
        return new TargetFactory(App::backend);
    }

    /** The campaign's judges ({@code judges:}), built by the judge factory over the real backends. */
    public static List<Judge> judges(CampaignConfig config) {
        return judges(config, LazyPreferenceModel.of(config.preferenceModel()));
    }

    /**
     * What {@code replay} runs with: the campaign's targets, their rejection sampling ranking with the campaign's
     * preference model (loaded here), and the campaign's judges, or the shipped trained judge when it names none.
     */
    public static ReplaySetup replaySetup(CampaignConfig config) {
        LazyPreferenceModel model = LazyPreferenceModel.of(config.preferenceModel());
        TargetFactory factory = targets().withPreferenceModel(model);
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < config.targets().size(); i++) {
            targets.add(factory.create(i + 1, config.targets().get(i)));
        }
        List<Judge> judges = config.judges().isEmpty()
                ? List.of(TrainedJudge.load(ReplaySetup.DEFAULT_JUDGE, Optional.empty())) : judges(config, model);
        return new ReplaySetup(targets, model.get(), judges);
    }

    private static List<Judge> judges(CampaignConfig config, LazyPreferenceModel model) {
        return new JudgeFactory(App::backend, model::get).build(config.judges());
    }

    /** An attacker's model ({@code attackers:}) on the real backends. */
    public static ModelBackend attackerModel(AttackerSpec spec) {
        return backend("attacker " + spec.id(), spec.backend());
    }

    /** The one place that maps a backend kind to its class: one line per kind. */
    static ModelBackend backend(String targetId, BackendSpec spec) {
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

    /** Collects what differs from the defaults, then opens a {@link Store} or starts a {@link Platform}. */
    public static final class Builder {
        private final StoreLocation location;
        private Clock clock = Clock.systemUTC();
        private TargetFactory targets = App.targets();
        private Optional<LazyPreferenceModel> preferenceModel = Optional.empty();
        private Optional<List<Judge>> judges = Optional.empty();
        private Optional<AttackSelection> attacks = Optional.empty();
        private ReplayWorkers.Settings replaySettings = ReplayWorkers.Settings.DEFAULT;

        private Builder(StoreLocation location) {
            this.location = location;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Other backends for the campaign's targets (scripted ones in tests). */
        public Builder targets(TargetFactory targets) {
            this.targets = targets;
            return this;
        }

        /** Scores with this model instead of the campaign's (a fake in tests, {@code score --model}). */
        public Builder preferenceModel(PreferenceModel model) {
            this.preferenceModel = Optional.of(LazyPreferenceModel.loaded(model));
            return this;
        }

        /** Judges with these instead of the campaign's {@code judges:} (test judges). */
        public Builder judges(List<Judge> judges) {
            this.judges = Optional.of(List.copyOf(judges));
            return this;
        }

        /**
         * The attacks replay runs started from the admin pages are made of, instead of the store's own attempts
         * ({@link Store#attackSelection()}; a fixed list in tests).
         */
        public Builder attacks(AttackSelection attacks) {
            this.attacks = Optional.of(attacks);
            return this;
        }

        /** How the background replay of runs' items goes in this process (faster polls and takeovers in tests). */
        public Builder replaySettings(ReplayWorkers.Settings settings) {
            this.replaySettings = settings;
            return this;
        }

        /** The store alone; its preference model is the given one or the default, loaded on first use. */
        public Store openStore() {
            return store(preferenceModel.orElseGet(() -> LazyPreferenceModel.of(new PreferenceModelSpec.Default())));
        }

        /**
         * The store with {@code config}'s campaign started on it. The preference model is the given one or the
         * campaign's ({@code preference_model:}), loaded on first use; the judges are the given ones or the campaign's.
         */
        public Platform start(CampaignConfig config) {
            LazyPreferenceModel model = preferenceModel.orElseGet(() -> LazyPreferenceModel.of(config.preferenceModel()));
            Store store = store(model);
            try {
                return new Platform(store, config, targets, model, judges.orElseGet(() -> App.judges(config, model)),
                        attacks.orElseGet(store::attackSelection), replaySettings);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        private Store store(LazyPreferenceModel model) {
            Database database = Database.open(location);
            try {
                return new Store(database, clock, model);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
    }
}
