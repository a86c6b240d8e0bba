package org.redteam.campaign;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.redteam.config.CampaignConfig;
import org.redteam.config.ConfigException;
import org.redteam.config.TargetConfig;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.target.Target;
import org.redteam.target.TargetFactory;
import org.redteam.worker.Worker;

/** Starts the configured campaign against the store and keeps the red teamer's consent and sets. */
public final class CampaignService {
    private final CampaignRepository campaigns;
    private final Campaign campaign;
    private final Clock clock;

    private CampaignService(CampaignRepository campaigns, Campaign campaign, Clock clock) {
        this.campaigns = campaigns;
        this.campaign = campaign;
        this.clock = clock;
    }

    /**
     * Records the campaign and its targets in the store (first start) or checks them against what is
     * stored (later starts). A target id keeps its meaning for ever: changing the labels or backend
     * kind of a stored target is an error, because its stored attempts would change meaning too.
     */
    public static CampaignService start(CampaignRepository campaigns, CampaignConfig config, TargetFactory factory,
                                        Clock clock) {
        long proposedSeed = config.assignmentSeed().orElseGet(() -> new SecureRandom().nextLong());
        Campaign campaign = campaigns.jdbi().inTransaction(h -> {
            long[] idAndSeed = campaigns.ensureCampaign(h, config.name(), proposedSeed, clock.instant());
            if (config.assignmentSeed().isPresent() && config.assignmentSeed().get() != idAndSeed[1]) {
                throw new ConfigException("assignment_seed: campaign '" + config.name() + "' was started with seed "
                        + idAndSeed[1] + "; a stored campaign keeps its seed (remove the key or give " + idAndSeed[1] + ")");
            }
            List<TargetRow> stored = campaigns.targets(h, idAndSeed[0]);
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < config.targets().size(); i++) {
                TargetConfig tc = config.targets().get(i);
                Optional<TargetRow> row = stored.stream().filter(r -> r.id().equals(tc.id())).findFirst();
                long id;
                if (row.isPresent()) {
                    checkUnchanged(i, tc, row.get());
                    campaigns.setActive(h, row.get().rowId(), true);
                    id = row.get().rowId();
                } else {
                    id = campaigns.insertTarget(h, idAndSeed[0], tc.id(), tc.modelType(), tc.size(),
                            tc.backend().kind(), tc.backend().demo(), true);
                }
                targets.add(factory.create(id, tc));
            }
            for (TargetRow r : stored) {
                if (config.target(r.id()).isEmpty() && r.active()) {
                    campaigns.setActive(h, r.rowId(), false);
                }
            }
            return new Campaign(idAndSeed[0], config, idAndSeed[1], targets);
        });
        return new CampaignService(campaigns, campaign, clock);
    }

    private static void checkUnchanged(int index, TargetConfig tc, TargetRow row) {
        if (!row.modelType().equals(tc.modelType()) || !row.size().equals(tc.size())
                || !row.backendKind().equals(tc.backend().kind())) {
            throw new ConfigException("targets[" + index + "]: target '" + tc.id() + "' is stored as model_type '"
                    + row.modelType() + "', size '" + row.size() + "', backend '" + row.backendKind()
                    + "'; give a changed target a new id so its stored attempts keep their meaning");
        }
    }

    public Campaign campaign() {
        return campaign;
    }

    /** The topics the worker agreed to work on, or empty if they have not consented yet. */
    public Optional<List<String>> consent(Worker worker) {
        return campaigns.consentTopics(worker.id(), campaign.id());
    }

    public void consent(Worker worker, List<String> topics) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>(topics);
        if (chosen.isEmpty()) {
            throw new InvalidInputException("topics: choose at least one topic you are willing to work on");
        }
        for (String topic : chosen) {
            if (!campaign.config().riskTopics().contains(topic)) {
                throw new InvalidInputException("topics: '" + topic + "' is not one of this campaign's topics");
            }
        }
        campaigns.saveConsent(worker.id(), campaign.id(), List.copyOf(chosen), clock.instant());
    }

    /**
     * Coverage of the campaign's harm tags (its review tags but {@link Coverage#NOT_HARM_TAGS}) on its active targets,
     * from the submitted attempts' answered reviews. For admins only: it names targets.
     */
    public Coverage coverage() {
        List<String> targets = campaign.targets().stream().map(Target::id).toList();
        return Coverage.from(campaign.config(), targets, campaigns.jdbi().withHandle(h -> campaigns.coverageCounts(h, campaign.id())));
    }

    /** The task page's coverage hint for this red teamer; empty unless the campaign has {@code coverage: {hints: true}}. */
    public Optional<CoverageHint> coverageHint(Worker worker) {
        if (!campaign.config().coverage().hints()) {
            return Optional.empty();
        }
        return CoverageHint.of(coverage(), campaign.config(), consent(worker).orElse(List.of()));
    }

    /** Where the worker stands in their current set: the next attempt's position (1-based) and the set size. */
    public record Progress(int nextPosition, int setSize) {
    }

    public Progress progress(Worker worker) {
        return campaigns.jdbi().withHandle(h -> campaigns.openSet(h, worker.id(), campaign.id())
                .map(s -> new Progress(campaigns.attemptsInSet(h, s.id()) + 1, s.size()))
                .orElse(new Progress(1, campaign.config().attemptsPerSet())));
    }

    /** A finished set of the worker, with its completion code; 404 for anyone else's or an unfinished set. */
    public WorkSet completedSet(Worker worker, long setId) {
        return finishedSet(worker, setId).orElseThrow(() -> new NotFoundException("no finished set " + setId));
    }

    /** The worker's finished sets, oldest first, so a returning worker finds their completion codes again. */
    public List<WorkSet> finishedSets(Worker worker) {
        return campaigns.finishedSets(worker.id(), campaign.id());
    }

    /** The worker's set if it is finished (has its completion code). */
    public Optional<WorkSet> finishedSet(Worker worker, long setId) {
        return campaigns.workSet(setId).filter(s -> s.workerId() == worker.id() && s.completionCode().isPresent());
    }
}
