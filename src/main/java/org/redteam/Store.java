package org.redteam;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.AttemptScoreRepository;
import org.redteam.attempt.IncidentRepository;
import org.redteam.attempt.SignalRepository;
import org.redteam.attempt.AutomatedAttemptRepository;
import org.redteam.campaign.CampaignRepository;
import org.redteam.campaign.PayRepository;
import org.redteam.campaign.Payments;
import org.redteam.config.PaySettings;
import org.redteam.dataset.DatasetRepository;
import org.redteam.dataset.ExportService;
import org.redteam.dataset.ImportService;
import org.redteam.judge.Judge;
import org.redteam.judge.JudgingService;
import org.redteam.judge.VerdictRepository;
import org.redteam.replay.ReplayRepository;
import org.redteam.replay.StoreAttacks;
import org.redteam.review.ReviewRatings;
import org.redteam.review.ReviewRepository;
import org.redteam.review.StoredVerdicts;
import org.redteam.scoring.LazyPreferenceModel;
import org.redteam.scoring.ScoringService;
import org.redteam.storage.Database;
import org.redteam.wellbeing.WellbeingRepository;
import org.redteam.worker.WorkerAccess;
import org.redteam.worker.WorkerRepository;
import org.redteam.worker.WorkerService;

/**
 * The store with the services that need no running campaign: workers, import, export, stored reviews as
 * ratings, scoring. Every repository is built here, once, and handed to the services (and to a
 * {@link Platform} started on this store). Closing it stops the scoring thread and closes the database.
 */
public final class Store implements AutoCloseable {
    private final Database database;
    private final Clock clock;
    final WorkerRepository workerRepository;
    final CampaignRepository campaignRepository;
    final AttemptRepository attemptRepository;
    final IncidentRepository incidentRepository;
    final AutomatedAttemptRepository automatedAttemptRepository;
    final ReviewRepository reviewRepository;
    final WellbeingRepository wellbeingRepository;
    final VerdictRepository verdictRepository;
    final ReplayRepository replayRepository;
    final PayRepository payRepository;
    final SignalRepository signalRepository;
    final org.redteam.demographics.DemographicsRepository demographicsRepository;
    private final AttemptScoreRepository attemptScores;
    private final WorkerService workers;
    private final WorkerAccess access;
    private final ImportService imports;
    private final ExportService exports;
    private final ReviewRatings reviewRatings;
    private final ScoringService scoring;
    private final StoredVerdicts storedVerdicts;

    Store(Database database, Clock clock, LazyPreferenceModel preferenceModel) {
        this.database = database;
        this.clock = clock;
        this.workerRepository = new WorkerRepository(database.jdbi());
        this.campaignRepository = new CampaignRepository(database.jdbi());
        this.attemptRepository = new AttemptRepository(database.jdbi());
        this.incidentRepository = new IncidentRepository(database.jdbi());
        this.automatedAttemptRepository = new AutomatedAttemptRepository(database.jdbi());
        this.reviewRepository = new ReviewRepository(database.jdbi());
        this.wellbeingRepository = new WellbeingRepository(database.jdbi());
        this.verdictRepository = new VerdictRepository(database.jdbi());
        this.replayRepository = new ReplayRepository(database.jdbi());
        this.payRepository = new PayRepository(database.jdbi());
        this.signalRepository = new SignalRepository(database.jdbi());
        this.demographicsRepository = new org.redteam.demographics.DemographicsRepository(database.jdbi());
        this.attemptScores = new AttemptScoreRepository(database.jdbi(), attemptRepository);
        DatasetRepository dataset = new DatasetRepository();
        this.workers = new WorkerService(workerRepository, clock);
        this.access = new WorkerAccess(workerRepository, clock);
        this.imports = new ImportService(database.jdbi(), dataset, campaignRepository, workerRepository, clock);
        this.exports = new ExportService(database.jdbi(), attemptRepository, reviewRepository, dataset, verdictRepository,
                automatedAttemptRepository, signalRepository);
        this.reviewRatings = new ReviewRatings(reviewRepository, campaignRepository);
        this.scoring = new ScoringService(attemptScores, preferenceModel);
        this.storedVerdicts = new StoredVerdicts(verdictRepository, reviewRatings);
    }

    /** The database, for the few things that are about the store itself (location, vendor, rate limits). */
    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public WorkerService workers() {
        return workers;
    }

    /** Taking access away and giving it back (the {@code users} command). */
    public WorkerAccess access() {
        return access;
    }

    public ImportService imports() {
        return imports;
    }

    public ExportService exports() {
        return exports;
    }

    /** A campaign's answered reviews as a ratings table (the {@code agreement} command). */
    public ReviewRatings reviewRatings() {
        return reviewRatings;
    }

    /** The judges' stored verdicts, and a judge's against the reviews ({@code judge calibrate}, the dashboard). */
    /** Every submitted platform attempt with its red teamer's signals; empty when none carries one (analyze). */
    public List<org.redteam.attempt.SignedAttempt> signedAttempts() {
        return signalRepository.submitted(java.util.OptionalLong.empty());
    }

    public StoredVerdicts verdicts() {
        return storedVerdicts;
    }

    /** The submitted attempts as attacks of a suite, by filter ({@code suite create}, the admin replay form). */
    public StoreAttacks attackSelection() {
        return new StoreAttacks(exports, verdictRepository);
    }

    /** Scores attempts with the preference model; its background thread stops on {@link #close()}. */
    public ScoringService scoring() {
        return scoring;
    }

    /**
     * Judging of submitted attempts by {@code judges} (the caller closes it: it owns a background thread);
     * background catch-up takes the attempts of {@code campaign} when given, else every submitted attempt.
     */
    public JudgingService judging(List<Judge> judges, OptionalLong campaign) {
        return new JudgingService(verdictRepository, attemptScores::submittedTranscript, judges, campaign, clock);
    }

    /** Pay and time on task of the stored campaign named {@code campaignName} ({@code export --format payments}). */
    public Payments payments(String campaignName, PaySettings pay) {
        return Payments.of(payRepository, campaignName, pay, clock);
    }

    /** Coverage of harm tags × targets of the stored campaign {@code config} names ({@code attack --steer-coverage}). */
    public org.redteam.campaign.Coverage coverage(org.redteam.config.CampaignConfig config) {
        return org.redteam.campaign.Coverage.stored(campaignRepository, config);
    }

    @Override
    public void close() {
        scoring.close();
        database.close();
    }
}
