package org.redteam.campaign;

import java.util.List;
import java.util.Optional;
import org.redteam.config.CampaignConfig;
import org.redteam.target.Target;

/** The running campaign: its configuration, its stored id and seed, and its active targets. */
public record Campaign(long id, CampaignConfig config, long assignmentSeed, List<Target> targets) {

    public Campaign {
        targets = List.copyOf(targets);
    }

    public Optional<Target> target(long targetId) {
        return targets.stream().filter(t -> t.rowId() == targetId).findFirst();
    }

    public boolean allDemo() {
        return targets.stream().allMatch(Target::demo);
    }
}
