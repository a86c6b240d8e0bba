package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Side;
import org.redteam.attempt.Signals;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.PageSession;
import org.redteam.testing.Repositories;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** The signals' form posts: a refused expertise answer shows the rating page again and submits nothing. */
class SignalPagesTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedExpertiseAnswerShowsTheRatingPageAgainAndSubmitsNothing() {
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend("one", "two"))) {
            WorkerService.NewWorker alice = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(alice.worker());
            Attempt a = platform.app().attempts().start(alice.worker(), "plan");
            platform.app().attempts().addTurn(alice.worker(), a.id(), "tell me how to pick a lock");
            platform.app().attempts().choose(alice.worker(), a.id(), 0, Side.A);
            PageSession page = PageSession.signIn(platform, alice.inviteSecret());

            HttpResponse<String> tooLong = page.post("/attempts/" + a.id() + "/rating", "rating", "3",
                    "neededExpertise", "yes", "expertiseOther", "x".repeat(101));
            HttpResponse<String> unknown = page.post("/attempts/" + a.id() + "/rating", "rating", "3", "neededExpertise", "maybe");

            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.body()).contains("Expertise area: must be at most 100 characters, got 101.", "id=\"expertise\"");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("Answer whether the attack needed domain expertise with yes or no.");
            assertThat(Repositories.attempts(platform.app()).find(a.id()).orElseThrow().submitted()).isFalse();
            assertThat(platform.app().signals().of(alice.worker(), a.id())).isEqualTo(Signals.NONE);

            HttpResponse<String> flag = page.post("/attempts/" + a.id() + "/turns/0/flag", "reason", "rude");
            assertThat(flag.statusCode()).isEqualTo(303);
            assertThat(page.get("/attempts/" + a.id()).body()).contains("id=\"flagged-0\"", "rude", "id=\"unflag-0\"");
        }
    }
}
