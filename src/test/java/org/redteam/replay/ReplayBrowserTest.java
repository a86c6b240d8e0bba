package org.redteam.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.Browser;
import org.redteam.testing.Eventually;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** Starting a replay from the admin page in headless Chromium, and its progress page refreshing until the run is done. */
class ReplayBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void anAdminStartsAReplayFromTheFormAndWatchesItFinish() {
        // slow enough that the run page first shows the run going on
        StoredRunFixtures.CountingBackend backend = new StoredRunFixtures.CountingBackend(Duration.ofMillis(1500));
        StoredRunFixtures.FixedSelection attacks = new StoredRunFixtures.FixedSelection(StoredRunFixtures.three());
        try (TestPlatform platform = TestPlatform.start(StoredRunFixtures.platform(StoreLocation.directory(dir), backend, attacks),
                StoredRunFixtures.CONFIG)) {
            WorkerService.NewWorker root = platform.addWorker("root", Role.ADMIN);
            try (Browser browser = Browser.withConsoleLog(profile)) {
                browser.open(platform.baseUrl() + "/invite/" + root.inviteSecret());
                browser.click("#sign-in");
                browser.awaitPath("/admin");
                browser.click("#admin-nav-replays");
                browser.awaitPath("/admin/replays");
                assertThat(browser.text("#replay-none")).contains("No replay");

                browser.type("#replay-name", "lock attacks on one");
                browser.type("#replay-min-rating", "2.5");
                browser.type("#replay-tags", "lock, crime");
                browser.type("#replay-model-type", "rlhf");
                browser.type("#replay-limit", "3");
                browser.find("#replay-seed").clear();
                browser.type("#replay-seed", "7");
                browser.click("#replay-dedupe");
                browser.click("#replay-target-0");
                browser.click("#replay-submit");

                browser.awaitPathMatching("/admin/replays/[0-9]+");
                assertThat(attacks.last.get()).isEqualTo(new AttackFilter(OptionalDouble.of(2.5), List.of("lock", "crime"),
                        Optional.of("rlhf"), Optional.empty(), OptionalInt.of(3), 7, true));
                assertThat(browser.text("h1")).isEqualTo("lock attacks on one");
                assertThat(browser.text("#replay-status")).isEqualTo("running");
                assertThat(browser.text("#replay-total")).isEqualTo("3");

                // no click: the page reloads itself until the run is done
                Eventually.within(Duration.ofSeconds(30), "the page shows the run done",
                        () -> browser.text("#replay-status").equals("done"));
                assertThat(browser.text("#replay-done")).isEqualTo("3");
                assertThat(browser.text("#replay-errors")).isEqualTo("0");
                assertThat(browser.text("#replay-success")).contains("one", "words", "66.7% (2 of 3)");
                assertThat(backend.calls.keySet()).allMatch(k -> k.startsWith("one | "));
                assertThat(browser.consoleErrors()).allMatch(e -> e.contains("favicon.ico"));

                browser.click("#admin-nav-replays");
                browser.awaitPath("/admin/replays");
                assertThat(browser.text("#replay-runs")).contains("lock attacks on one", "3 of 3", "done");
            }
        }
    }
}
