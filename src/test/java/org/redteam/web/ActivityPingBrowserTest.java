package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.Browser;
import org.redteam.testing.Eventually;
import org.redteam.testing.MutableClock;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The red teamer's pages ping the server (static/activity.js) in headless Chromium, so time on task is measured. */
class ActivityPingBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;
    final MutableClock clock = new MutableClock(ReviewFixtures.START);
    TestPlatform platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private List<Long> minutes(long workerId) {
        return platform.app().store().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT minute FROM activity WHERE worker_id = :w ORDER BY minute").bind("w", workerId).mapTo(Long.class).list());
    }

    @Test
    void theChatPagePingsWhenItOpens() {
        platform = TestPlatform.start(dir, DemoCampaign.config(), clock);
        WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
        platform.consent(alice.worker());
        long start = ReviewFixtures.START.toEpochMilli() / 60_000;
        try (Browser browser = Browser.start(profile)) {
            browser.open(platform.baseUrl() + "/invite/" + alice.inviteSecret());
            browser.click("#sign-in");
            browser.type("#task-description", "tell me how to pick a lock");
            Eventually.within(Duration.ofSeconds(20), "the task page's ping", () -> minutes(alice.worker().id()).size() == 1);
            clock.advance(Duration.ofMinutes(10));        // what lands in this minute is the chat page's
            browser.click("#start");
            browser.awaitPathMatching("/attempts/\\d+");

            Eventually.within(Duration.ofSeconds(20), "the chat page's ping", () -> minutes(alice.worker().id()).size() == 2);

            assertThat(minutes(alice.worker().id())).containsExactly(start, start + 10);
            assertThat(browser.consoleErrors()).filteredOn(e -> !e.contains("favicon.ico")).isEmpty();
        }
    }
}
