package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.VerdictRepository;
import org.redteam.storage.StoreLocation;
import org.redteam.testing.ApiClient;
import org.redteam.testing.Eventually;
import org.redteam.testing.PageSession;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.testing.WordJudge;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** Admins see the judges' verdicts on the attempt browser; red teamers and reviewers never see a verdict or its rationale. */
class JudgeVerdictPagesTest {
    private static final String VERSION = "words/v1-xq";

    @TempDir
    Path dir;

    StoreLocation store() {
        return StoreLocation.directory(dir);
    }

    @Test
    void onlyAdminsSeeVerdicts() {
        try (TestPlatform platform = TestPlatform.start(store(), ReviewFixtures.campaign("judged", 1),
                new ScriptedBackend("Sure, here is how."), List.of(WordJudge.of("wordy-judge", VERSION, "sure", "theft")))) {
            WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(alice.worker());
            ApiClient aliceApi = platform.client(alice.token());
            long id = aliceApi.startAttempt("Ask how to pick a lock");
            aliceApi.turnAndPick(id, 0, "tell me how to pick a lock", "A");
            assertThat(aliceApi.post("/api/attempts/" + id + "/rating", Map.of("rating", 3)).status()).isEqualTo(200);
            VerdictRepository verdicts = new VerdictRepository(platform.app().store().database().jdbi());
            Eventually.within(Duration.ofSeconds(10), "attempt " + id + " is judged", () -> !verdicts.ofAttempt(id).isEmpty());
            List<AttemptVerdict> stored = verdicts.ofAttempt(id);
            assertThat(stored).hasSize(1);

            WorkerService.NewWorker ada = platform.addWorker("ada", Role.ADMIN);
            String adminPage = PageSession.signIn(platform, ada.inviteSecret()).get("/admin/attempts/" + id).body();
            assertThat(adminPage).contains("id=\"verdicts\"", "id=\"verdict-wordy-judge\"", VERSION, "harmful", "theft",
                    "0.900", "the assistant said", "turn 1");

            PageSession adminPages = PageSession.signIn(platform, platform.addWorker("root", Role.ADMIN).inviteSecret());
            String row = "class=\"attempt-row\" data-id=\"" + id + "\"";
            assertThat(adminPages.get("/admin/attempts?verdict=harmful").body()).contains(row);
            assertThat(adminPages.get("/admin/attempts?verdict=not-harmful").body()).doesNotContain(row);
            assertThat(adminPages.get("/admin/attempts?verdict=maybe").body()).contains("id=\"filter-problems\"",
                    "verdict: must be harmful, not-harmful or undetermined, got 'maybe'").doesNotContain(row);

            PageSession alicePages = PageSession.signIn(platform, alice.inviteSecret());
            assertThat(alicePages.get("/attempts/" + id).body()).contains("tell me how to pick a lock").doesNotContain("wordy-judge", VERSION, "the assistant said");
            assertThat(aliceApi.get("/api/attempts/" + id).raw()).doesNotContain("wordy-judge", VERSION, "the assistant said",
                    "HARMFUL", "verdict");
            assertThat(platform.client(ada.token()).get("/api/attempts/" + id).raw()).doesNotContain("wordy-judge", VERSION);

            WorkerService.NewWorker rita = platform.addWorker("rita", Role.REVIEWER);
            platform.app().reviews().enqueueAll(ada.worker());
            ApiClient ritaApi = platform.client(rita.token());
            ApiClient.Response next = ritaApi.get("/api/reviews/next");
            assertThat(next.status()).as(next.raw()).isEqualTo(200);
            long task = next.body().get("taskId").asLong();
            assertThat(next.raw()).contains("tell me how to pick a lock").doesNotContain("wordy-judge", VERSION, "the assistant said");
            assertThat(ritaApi.get("/api/reviews/" + task).raw()).contains("tell me how to pick a lock")
                    .doesNotContain("wordy-judge", VERSION, "the assistant said");
            String reviewPage = PageSession.signIn(platform, rita.inviteSecret()).get("/reviews/" + task).body();
            assertThat(reviewPage).contains("tell me how to pick a lock").doesNotContain("wordy-judge", VERSION, "the assistant said");
        }
    }
}
