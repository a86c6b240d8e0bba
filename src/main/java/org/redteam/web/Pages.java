package org.redteam.web;

import java.util.List;
import java.util.Optional;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.AttemptRepository;
import org.redteam.campaign.CampaignRepository;
import org.redteam.config.CampaignConfig;
import org.redteam.worker.Worker;

/** The data each template renders; one record per page. */
public final class Pages {

    private Pages() {
    }

    public record Message(PageContext ctx, String title, String text) {
    }

    public record Invite(PageContext ctx, String secret, String workerName, String externalId) {
    }

    public record Consent(PageContext ctx, CampaignConfig campaign, List<String> chosen) {
    }

    public record NewTask(PageContext ctx, int position, int setSize, List<String> topics, int maxLength) {
    }

    /**
     * @param error a failed send's message, shown above the form
     * @param draft the message to put back in the form after a failed send ("" normally)
     */
    public record AttemptView(PageContext ctx, Attempt attempt, boolean owner, int maxTurns, int maxMessage,
                              Optional<String> adminTarget, Optional<String> error, String draft) {

        public boolean canSend() {
            return owner && !attempt.submitted() && !attempt.awaitingChoice() && attempt.turns().size() < maxTurns;
        }

        public boolean canEnd() {
            return owner && !attempt.submitted() && !attempt.awaitingChoice() && !attempt.turns().isEmpty();
        }

        public int lastIndex() {
            return attempt.turns().size() - 1;
        }
    }

    public record Rating(PageContext ctx, Attempt attempt) {
    }

    public record SetComplete(PageContext ctx, CampaignRepository.WorkSet set, Optional<String> externalId) {
    }

    public record NewWorker(String name, String roles, String inviteUrl, String token) {
    }

    public record Admin(PageContext ctx, String campaignName, long assignmentSeed, List<TargetLine> targets,
                        List<Worker> workers, List<AttemptRepository.Summary> attempts, Optional<NewWorker> created,
                        Optional<String> reissued) {
    }

    public record TargetLine(String key, String modelType, String size, String backendKind, boolean demo,
                             long attempts) {
    }
}
