package org.redteam.admin;

import org.redteam.analysis.EffortToBreak;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.JudgeReport;
import org.redteam.judge.VerdictRepository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.Attacks;
import org.redteam.attempt.AttemptRepository;
import org.redteam.attempt.SignalRepository;
import org.redteam.analysis.SignalInputs;
import org.redteam.analysis.SignalStats;
import org.redteam.attempt.AttemptSearchRepository;
import org.redteam.attempt.AttemptSummary;
import org.redteam.attempt.Incident;
import org.redteam.attempt.IncidentRepository;
import org.redteam.campaign.Campaign;
import org.redteam.campaign.CampaignRepository;
import org.redteam.dataset.ExportService;
import org.redteam.problem.InvalidInputException;
import org.redteam.review.AgreementReport;
import org.redteam.review.Annotation;
import org.redteam.review.ReviewRepository;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.redteam.worker.WorkerRepository;

/**
 * What admins read about the running campaign: the overview (targets with their attempt counts, workers,
 * recent attempts, recent incidents), the incidents (failed model calls), the reviewers' agreement, and the live dashboard (the analysis of its submitted
 * attempts). Every read is for an admin only. Thread-safe.
 */
public final class AdminService {
    /** Attempts the overview lists, newest first. */
    static final int RECENT_ATTEMPTS = 50;
    /** Incidents the overview lists, newest first. */
    static final int RECENT_INCIDENTS = 20;
    /** Most incidents {@link #incidents} answers at once. */
    public static final int MAX_INCIDENTS = 500;
    /** Fewer resamples than the CLI's default, so the dashboard answers quickly; more may be asked for. */
    public static final int DASHBOARD_RESAMPLES = 300;
    public static final int MAX_DASHBOARD_RESAMPLES = 5000;

    private final Campaign campaign;
    private final CampaignRepository campaigns;
    private final WorkerRepository workers;
    private final AttemptRepository attempts;
    private final IncidentRepository incidents;
    private final ReviewRepository reviews;
    private final ExportService exports;
    private final AttemptBrowser browser;
    private final VerdictRepository verdicts;
    private final List<String> judgeIds;
    private final SignalRepository signals;

    public AdminService(Campaign campaign, CampaignRepository campaigns, WorkerRepository workers, AttemptRepository attempts,
                        IncidentRepository incidents, ReviewRepository reviews, ExportService exports,
                        VerdictRepository verdicts, List<String> judgeIds, SignalRepository signals) {
        this.signals = signals;
        this.campaign = campaign;
        this.campaigns = campaigns;
        this.workers = workers;
        this.attempts = attempts;
        this.incidents = incidents;
        this.reviews = reviews;
        this.exports = exports;
        this.verdicts = verdicts;
        this.judgeIds = List.copyOf(judgeIds);
        this.browser = new AttemptBrowser(campaign, new AttemptSearchRepository(attempts.jdbi()), attempts, reviews, workers);
    }

    /** The attempt browser's list: the campaign's attempts matching the filters, newest first, a page at a time. */
    public AttemptBrowser.Result attempts(Worker admin, AttemptBrowser.Filters filters) {
        admin.require(Role.ADMIN);
        return browser.search(filters);
    }

    /** One attempt with both candidates of each turn, its scores and every answered review. */
    public AttemptBrowser.Detail attempt(Worker admin, long attemptId) {
        admin.require(Role.ADMIN);
        return browser.detail(attemptId);
    }

    /** Every judge's verdicts on one attempt (on it and on each assistant turn), for admins' eyes only. */
    public List<AttemptVerdict> verdicts(Worker admin, long attemptId) {
        admin.require(Role.ADMIN);
        return verdicts.ofAttempt(attemptId);
    }

    /** One target as the overview lists it; {@code attempts} counts its platform attempts. */
    public record TargetLine(String id, String modelType, String size, String backendKind, boolean demo, long attempts) {
    }

    /** The campaign at a glance. */
    public record Overview(String campaignName, long assignmentSeed, List<TargetLine> targets, List<Worker> workers,
                           java.util.Set<Long> deactivated, List<AttemptSummary> recentAttempts, List<Incident> recentIncidents) {
    }

    public Overview overview(Worker admin) {
        admin.require(Role.ADMIN);
        Map<Long, Integer> counts = campaigns.jdbi().withHandle(h -> campaigns.attemptCounts(h, campaign.id(), Optional.empty()));
        List<TargetLine> targets = campaign.targets().stream()
                .map(t -> new TargetLine(t.id(), t.modelType(), t.size(), t.backendKind(), t.demo(), counts.getOrDefault(t.rowId(), 0)))
                .toList();
        return new Overview(campaign.config().name(), campaign.assignmentSeed(), targets, workers.listPlatformWorkers(), workers.deactivated(),
                attempts.recent(campaign.id(), RECENT_ATTEMPTS), incidents.recent(campaign.id(), RECENT_INCIDENTS));
    }

    /**
     * The campaign's latest failed model calls, newest first, with everything red teamers are not told:
     * target, backend, upstream answer ({@code GET /api/admin/incidents}).
     */
    public List<Incident> incidents(Worker admin, int limit) {
        admin.require(Role.ADMIN);
        if (limit < 1 || limit > MAX_INCIDENTS) {
            throw new InvalidInputException("limit: must be 1 to " + MAX_INCIDENTS + ", got " + limit);
        }
        return incidents.recent(campaign.id(), limit);
    }

    /** Agreement of the campaign's answered reviews ({@code GET /api/agreement}). */
    public AgreementReport.Report agreement(Worker admin, int resamples, long seed) {
        admin.require(Role.ADMIN);
        List<Annotation> annotations = reviews.jdbi().withHandle(h -> reviews.annotations(h, campaign.id()));
        return AgreementReport.of(annotations, campaign.config().review().tags(), resamples, seed);
    }

    /**
     * The dashboard's analysis and where it came from, with the reviewers' agreement as {@code GET /api/agreement}
     * answers it by default ({@link AgreementReport#DEFAULT_RESAMPLES}, seed {@link #AGREEMENT_SEED}); empty while the
     * campaign has no submitted attempt. {@code judges}: each of the campaign's judges with verdicts on its attempts,
     * in the campaign's order; {@code effort}: effort to break by the first of them; {@code signals}: the red teamers'
     * own signals (flags against that same judge, success by expertise), when any attempt carries one.
     */
    public record Dashboard(AnalysisResult result, AnalysisSource source, AgreementReport.Report agreement,
                            List<JudgeReport> judges, Optional<EffortToBreak> effort, Optional<SignalStats.Report> signals) {
    }

    /** The seed of {@code GET /api/agreement} when none is given; the dashboard uses it too, so the numbers match. */
    public static final long AGREEMENT_SEED = 1;

    public Optional<Dashboard> dashboard(Worker admin, int resamples) {
        admin.require(Role.ADMIN);
        if (resamples < 0 || resamples > MAX_DASHBOARD_RESAMPLES) {
            throw new InvalidInputException("resamples: must be 0 to " + MAX_DASHBOARD_RESAMPLES + ", got " + resamples);
        }
        Attacks.Builder collected = Attacks.builder();
        long records = exports.forEachReleased(OptionalLong.of(campaign.id()), (id, r) -> collected.add(r));
        if (records == 0) {
            return Optional.empty();
        }
        AnalysisResult result = AttackAnalysis.run(collected.build(), new AttackAnalysis.Settings(resamples, AttackAnalysis.DEFAULT_SEED));
        List<Annotation> annotations = reviews.jdbi().withHandle(h -> reviews.annotations(h, campaign.id()));
        List<JudgeReport> judges = new java.util.ArrayList<>();
        Optional<EffortToBreak> effort = Optional.empty();
        List<AttemptVerdict> firstJudged = List.of();
        for (String id : judgeIds) {
            List<AttemptVerdict> judged = verdicts.ofJudge(id, OptionalLong.of(campaign.id()));
            if (!judged.isEmpty()) {
                judges.add(JudgeReport.of(id, judged, Annotation.humanReviews(annotations), resamples, AttackAnalysis.DEFAULT_SEED));
                firstJudged = effort.isPresent() ? firstJudged : judged;
                effort = effort.isPresent() ? effort : Optional.of(EffortToBreak.ofVerdicts(id, judged));
            }
        }
        Optional<SignalStats.Report> signalReport = SignalInputs.report(signals.submitted(OptionalLong.of(campaign.id())),
                effort.map(EffortToBreak::judge), firstJudged);
        return Optional.of(new Dashboard(result, AnalysisSource.store("campaign '" + campaign.config().name()
                + "' in this platform's store, live", records), AgreementReport.of(annotations, campaign.config().review().tags(),
                AgreementReport.DEFAULT_RESAMPLES, AGREEMENT_SEED), List.copyOf(judges), effort, signalReport));
    }
}
