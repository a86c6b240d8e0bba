package org.redteam;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.redteam.admin.AdminService;
import org.redteam.attempt.AttemptService;
import org.redteam.attempt.SignalService;
import org.redteam.attempt.AutomationService;
import org.redteam.attempt.Turn;
import org.redteam.campaign.CampaignService;
import org.redteam.demographics.Demographics;
import org.redteam.campaign.Payments;
import org.redteam.config.CampaignConfig;
import org.redteam.judge.Judge;
import org.redteam.judge.JudgingService;
import org.redteam.replay.AttackSelection;
import org.redteam.replay.ReplayService;
import org.redteam.replay.ReplayWorkers;
import org.redteam.review.Attempts;
import org.redteam.review.ReviewService;
import org.redteam.scoring.LazyPreferenceModel;
import org.redteam.storage.TokenBuckets;
import org.redteam.target.TargetFactory;
import org.redteam.web.WebServices;
import org.redteam.wellbeing.TaskKind;
import org.redteam.wellbeing.Wellbeing;
import org.redteam.worker.StudyAccess;

/**
 * A campaign running on a {@link Store}: the services of red teaming, review and well-being, each built
 * once over the store's repositories. What {@code serve} runs and the web server is given services of.
 * Closing it closes the store.
 */
public final class Platform implements AutoCloseable {
    private final Store store;
    private final CampaignService campaigns;
    private final Wellbeing wellbeing;
    private final AttemptService attempts;
    private final SignalService signals;
    private final AutomationService automation;
    private final ReviewService reviews;
    private final AdminService admin;
    private final TokenBuckets signInLimit;
    private final StudyAccess study;
    private final JudgingService judging;
    private final ReplayService replays;
    private final Payments payments;
    private final Demographics demographics;

    /**
     * Starts the campaign; its judges judge at once, in the background, the attempts they have not judged yet, and
     * replay runs' pending items are replayed in the background ({@code attacks}: the store's attempts as attacks).
     */
    Platform(Store store, CampaignConfig config, TargetFactory targets, LazyPreferenceModel preferenceModel, List<Judge> judges,
             AttackSelection attacks, ReplayWorkers.Settings replaySettings) {
        Clock clock = store.clock();
        this.store = store;
        this.campaigns = CampaignService.start(store.campaignRepository, config, targets.withPreferenceModel(preferenceModel), clock);
        this.wellbeing = new Wellbeing(store.wellbeingRepository, campaigns.campaign(), clock);
        this.attempts = new AttemptService(store.attemptRepository, store.incidentRepository, store.campaignRepository, campaigns.campaign(), clock,
                this::submitted, (h, worker) -> wellbeing.requireClear(h, worker, TaskKind.RED_TEAM));
        this.signals = new SignalService(store.attemptRepository, store.signalRepository, config.expertiseAreas(), clock);
        this.automation = new AutomationService(store.automatedAttemptRepository, campaigns.campaign(), clock);
        Attempts reviewed = (h, id) -> store.attemptRepository.find(h, id)
                .map(a -> new Attempts.Attempted(a.taskDescription(), Turn.transcript(a.turns())));
        this.reviews = new ReviewService(store.reviewRepository, reviewed, wellbeing, campaigns.campaign(), clock);
        this.admin = new AdminService(campaigns.campaign(), store.campaignRepository, store.workerRepository,
                store.attemptRepository, store.incidentRepository, store.reviewRepository, store.exports(),
                store.verdictRepository, judges.stream().map(Judge::id).toList(), store.signalRepository);
        this.signInLimit = TokenBuckets.signIn(store.database().jdbi(), clock);
        this.study = new StudyAccess(store.workerRepository, clock, campaigns.campaign().id(), config.crowd().openStudyLink());
        this.judging = store.judging(judges, OptionalLong.of(campaigns.campaign().id()));
        judging.judgeUnjudgedLater();
        this.replays = new ReplayService(store.replayRepository, attacks, campaigns.campaign().targets(), judges,
                preferenceModel, clock, replaySettings);
        replays.startWorking();
        this.payments = new Payments(store.payRepository, campaigns.campaign().id(), config.pay(), clock);
        this.demographics = new Demographics(store.demographicsRepository, campaigns.campaign().id(), config.demographics(), clock);
    }

    /** A red teamer submitted an attempt: it is scored and judged in the background. */
    private void submitted(long attemptId) {
        store.scoring().scoreLater(attemptId);
        judging.judgeLater(attemptId);
    }

    public Store store() {
        return store;
    }

    public CampaignService campaigns() {
        return campaigns;
    }

    public AttemptService attempts() {
        return attempts;
    }

    /** The red teamers' own signals: flags on picked replies, the expertise answer. */
    public SignalService signals() {
        return signals;
    }

    /** Automated attacks through the OpenAI-compatible endpoint, stored apart from human attempts. */
    public AutomationService automation() {
        return automation;
    }

    public ReviewService reviews() {
        return reviews;
    }

    public Wellbeing wellbeing() {
        return wellbeing;
    }

    /** What admins read: overview, agreement, dashboard. */
    public AdminService admin() {
        return admin;
    }

    /** The campaign's open study link for crowd-work platforms ({@code crowd:}). */
    public StudyAccess study() {
        return study;
    }

    /** The optional demographics questionnaire ({@code demographics:}). */
    public Demographics demographics() {
        return demographics;
    }

    /** The services the web server is given. */
    public WebServices web() {
        return new WebServices(store.workers(), store.access(), campaigns, attempts, wellbeing, reviews, admin, signInLimit, study, automation, replays,
                payments, signals, demographics);
    }

    /** The campaign's judges, judging submitted attempts in the background ({@code judges:}). */
    public JudgingService judging() {
        return judging;
    }

    /** Replay runs started from the admin pages, replayed in the background of this process. */
    public ReplayService replays() {
        return replays;
    }

    /** The crowd's activity pings, time on task and pay ({@code pay:}). */
    public Payments payments() {
        return payments;
    }

    @Override
    public void close() {
        replays.close();
        judging.close();
        store.close();
    }
}
