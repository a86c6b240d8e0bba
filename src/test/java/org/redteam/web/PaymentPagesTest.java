package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.PaySettings;
import org.redteam.testing.MutableClock;
import org.redteam.testing.PageSession;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The activity ping route and the admin payments page. */
class PaymentPagesTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(ReviewFixtures.START);
    TestPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private void start() {
        CampaignConfig config = ReviewFixtures.campaign("paid", 1).withPay(
                new PaySettings(Optional.of(new BigDecimal("8.50")), Optional.of(new BigDecimal("20.00")), "USD"));
        platform = TestPlatform.start(dir, config, clock);
    }

    private long buckets(long workerId) {
        return platform.app().store().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM activity WHERE worker_id = :w").bind("w", workerId).mapTo(Long.class).one());
    }

    @Test
    void redTeamersAndReviewersPingsAreKeptAndAdminsAreNot() {
        start();
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        WorkerService.NewWorker rita = platform.addWorker("rita", Role.REVIEWER);
        WorkerService.NewWorker root = platform.addWorker("root", Role.ADMIN);
        for (WorkerService.NewWorker w : new WorkerService.NewWorker[] {alice, rita, root}) {
            HttpResponse<String> ping = PageSession.signIn(platform, w.inviteSecret()).post("/api/activity");
            assertThat(ping.statusCode()).as(w.worker().name()).isEqualTo(204);
        }
        assertThat(buckets(alice.worker().id())).isEqualTo(1);
        assertThat(buckets(rita.worker().id())).isEqualTo(1);
        assertThat(buckets(root.worker().id())).isZero();
    }

    @Test
    void theAdminPageShowsEachWorkersSetsMinutesAndAmountAndTheTotal() {
        start();
        WorkerService.NewWorker alice = platform.app().store().workers().add("alice", EnumSet.of(Role.RED_TEAMER),
                Optional.of("5f3c9a7b1e2d"));
        WorkerService.NewWorker bob = platform.addWorker("bob <b>", Role.RED_TEAMER);
        for (int i = 0; i <= 60; i++) {                 // alice: 0 … 30 min, every 30 s
            platform.app().payments().ping(alice.worker().id());
            clock.advance(Duration.ofSeconds(30));
        }
        for (int i = 0; i <= 6; i++) {                  // bob: 0 … 3 min
            platform.app().payments().ping(bob.worker().id());
            clock.advance(Duration.ofSeconds(30));
        }
        PageSession admin = PageSession.signIn(platform, platform.addWorker("root", Role.ADMIN).inviteSecret());

        String page = admin.get("/admin/payments").body();

        // alice 30 min × 20.00 / 60 = 10.00; bob 3 min = 1.00; no sets finished
        assertThat(page).contains("8.50 USD per finished set, 20.00 USD per hour on task",
                "<tr><td>alice</td><td>5f3c9a7b1e2d</td><td>0</td><td>30</td><td>10.00 USD</td></tr>",
                "<tr><td>bob &lt;b&gt;</td><td></td><td>0</td><td>3</td><td>1.00 USD</td></tr>",
                "<th>total (2 workers)</th><td></td><td>0</td><td>33</td><td>11.00 USD</td>",
                "aria-current=\"page\" id=\"admin-nav-payments\"");
    }
}
