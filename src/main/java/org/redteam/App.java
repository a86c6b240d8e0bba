package org.redteam;

import java.time.Clock;
import java.util.Optional;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.AttemptScoreRepository;
import org.redteam.attempt.AttemptService;
import org.redteam.campaign.CampaignRepository;
import org.redteam.campaign.CampaignService;
import org.redteam.review.ReviewRatings;
import org.redteam.review.ReviewService;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.cli.Main;
import org.redteam.config.CampaignConfig;
import org.redteam.dataset.ExportService;
import org.redteam.dataset.ImportService;
import org.redteam.scoring.LazyPreferenceModel;
import org.redteam.scoring.PreferenceModel;
import org.redteam.config.PreferenceModelSpec;
import org.redteam.scoring.ScoringService;
import org.redteam.storage.Database;
import org.redteam.storage.StoreLocation;
import org.redteam.target.TargetFactory;
import org.redteam.worker.WorkerRepository;
import org.redteam.worker.WorkerService;

/**
 * The composition root: store → repositories → services. {@code serve}, every CLI command and the
 * tests build the platform through {@link #open} or {@link #at}; nothing is wired anywhere else.
 */
public final class App implements AutoCloseable {
    private final Database database;
    private final Clock clock;
    private final WorkerService workers;
    private final CampaignService campaigns;
    private final AttemptService attempts;
    private final Wellbeing wellbeing;
    private final ReviewService reviews;
    private final ReviewRatings reviewRatings;
    private final AttemptRepository attemptRepository;
    private final CampaignRepository campaignRepository;
    private final WorkerRepository workerRepository;
    private final ImportService imports;
    private final ExportService exports;
    private final ScoringService scoring;

    private App(Database database, Optional<CampaignConfig> config, Clock clock, TargetFactory targets,
                LazyPreferenceModel preferenceModel) {
        this.database = database;
        this.clock = clock;
        this.workerRepository = new WorkerRepository(database.jdbi());
        this.campaignRepository = new CampaignRepository(database.jdbi());
        this.attemptRepository = new AttemptRepository(database.jdbi());
        this.workers = new WorkerService(workerRepository, clock);
        this.imports = new ImportService(database.jdbi(), campaignRepository, workerRepository, clock);
        this.exports = new ExportService(database.jdbi(), attemptRepository);
        this.reviewRatings = new ReviewRatings(database.jdbi(), campaignRepository);
        this.scoring = new ScoringService(new AttemptScoreRepository(database.jdbi(), attemptRepository), preferenceModel);
        this.campaigns = config.map(c -> CampaignService.start(campaignRepository, c,
                        targets.withPreferenceModel(preferenceModel), clock))
                .orElse(null);
        this.wellbeing = campaigns == null ? null : new Wellbeing(database.jdbi(), campaigns.campaign(), clock);
        this.attempts = campaigns == null ? null
                : new AttemptService(attemptRepository, campaignRepository, campaigns.campaign(), clock, scoring::scoreLater,
                        (h, worker) -> wellbeing.requireClear(h, worker, TaskKind.RED_TEAM));
        this.reviews = campaigns == null ? null
                : new ReviewService(database.jdbi(), attemptRepository, wellbeing, campaigns.campaign(), clock);
    }

    /**
     * Opens (and migrates) the store and, with a campaign config, starts the campaign on it. Commands
     * that only read or write stored data ({@code users}, {@code import}, {@code export}) pass none.
     * The preference model is the campaign's ({@code preference_model:}, the default model without
     * one), loaded on first use.
     */
    public static App open(StoreLocation location, Optional<CampaignConfig> config, Clock clock) {
        return at(location).campaign(config).clock(clock).open();
    }

    /** As {@link #open(StoreLocation, Optional, Clock)}, with other backends (tests use scripted ones). */
    public static App open(StoreLocation location, Optional<CampaignConfig> config, Clock clock, TargetFactory targets) {
        return at(location).campaign(config).clock(clock).targets(targets).open();
    }

    /** A builder for the platform on {@code location}; unset parts get the defaults of {@link #open}. */
    public static Builder at(StoreLocation location) {
        return new Builder(location);
    }

    /** Collects what differs from the defaults, then {@link #open()}s the platform. */
    public static final class Builder {
        private final StoreLocation location;
        private Optional<CampaignConfig> campaign = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private TargetFactory targets = new TargetFactory();
        private Optional<LazyPreferenceModel> preferenceModel = Optional.empty();

        private Builder(StoreLocation location) {
            this.location = location;
        }

        public Builder campaign(Optional<CampaignConfig> config) {
            this.campaign = config;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder targets(TargetFactory targets) {
            this.targets = targets;
            return this;
        }

        /** Scores with this model instead of the campaign's (a fake in tests, {@code score --model}). */
        public Builder preferenceModel(PreferenceModel model) {
            this.preferenceModel = Optional.of(LazyPreferenceModel.loaded(model));
            return this;
        }

        public App open() {
            LazyPreferenceModel model = preferenceModel.orElseGet(() -> LazyPreferenceModel.of(
                    campaign.map(CampaignConfig::preferenceModel).orElseGet(PreferenceModelSpec.Default::new)));
            Database database = Database.open(location);
            try {
                return new App(database, campaign, clock, targets, model);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
    }

    public static void main(String[] args) {
        commonPoolOfAtLeastTwo();
        System.exit(Main.run(args));
    }

    /**
     * On a machine with fewer than 3 cores the JDK's common pool has one thread or none, and
     * {@code CompletableFuture} then starts a new thread for every asynchronous step; the JDK's HTTP
     * client takes such a step for every request it sends (one new thread per model call). Two
     * threads avoid that. Must run before anything touches {@code ForkJoinPool}; an explicit
     * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
     */
    public static void commonPoolOfAtLeastTwo() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(key, "2");
        }
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public WorkerService workers() {
        return workers;
    }

    public WorkerRepository workerRepository() {
        return workerRepository;
    }

    public CampaignService campaigns() {
        return requireCampaign(campaigns);
    }

    public CampaignRepository campaignRepository() {
        return campaignRepository;
    }

    public AttemptService attempts() {
        return requireCampaign(attempts);
    }

    public ReviewService reviews() {
        return requireCampaign(reviews);
    }

    /** A campaign's answered reviews as a ratings table; works without a campaign (the {@code agreement} command). */
    public ReviewRatings reviewRatings() {
        return reviewRatings;
    }

    public Wellbeing wellbeing() {
        return requireCampaign(wellbeing);
    }

    public ImportService imports() {
        return imports;
    }

    public ExportService exports() {
        return exports;
    }

    public AttemptRepository attemptRepository() {
        return attemptRepository;
    }

    /** Scores attempts with the preference model; its background thread stops on {@link #close()}. */
    public ScoringService scoring() {
        return scoring;
    }

    private static <T> T requireCampaign(T service) {
        if (service == null) {
            throw new IllegalStateException("this App was opened without a campaign");
        }
        return service;
    }

    @Override
    public void close() {
        scoring.close();
        database.close();
    }
}
