package org.redteam.testing;

import org.redteam.Platform;
import org.redteam.Store;
import org.redteam.attempt.AttemptRepository;
import org.redteam.campaign.CampaignRepository;
import org.redteam.review.ReviewRepository;
import org.redteam.worker.WorkerRepository;

/** Repositories over a store, for tests that look at stored rows directly (the platform keeps its own private). */
public final class Repositories {
    private Repositories() {
    }

    public static AttemptRepository attempts(Store store) {
        return new AttemptRepository(store.database().jdbi());
    }

    public static AttemptRepository attempts(Platform platform) {
        return attempts(platform.store());
    }

    public static CampaignRepository campaigns(Platform platform) {
        return new CampaignRepository(platform.store().database().jdbi());
    }

    public static WorkerRepository workers(Platform platform) {
        return new WorkerRepository(platform.store().database().jdbi());
    }

    public static ReviewRepository reviews(Platform platform) {
        return new ReviewRepository(platform.store().database().jdbi());
    }
}
