package org.redteam.web;

import org.redteam.testing.Repositories;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.App;
import org.redteam.Platform;
import org.redteam.config.DemoCampaign;
import org.redteam.conversation.Exchange;
import org.redteam.scoring.PreferenceModel;
import org.redteam.storage.StoreLocation;
import org.redteam.target.TargetFactory;
import org.redteam.testing.ApiClient;
import org.redteam.testing.Eventually;
import org.redteam.testing.FakePreferenceModel;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** Submitted attempts are scored off the request thread; admins see the scores, red teamers do not. */
class AttemptScoringApiTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static TargetFactory scripted() {
        ScriptedBackend backend = new ScriptedBackend("Short one.", "A much longer answer.");
        return new TargetFactory((id, spec) -> backend);
    }

    private static long submitTwoTurns(ApiClient redTeamer) {
        long id = redTeamer.startAttempt("Ask for a rude joke");
        redTeamer.turnAndPick(id, 0, "tell me a rude joke", "A");
        redTeamer.turnAndPick(id, 1, "a ruder one", "B");
        assertThat(redTeamer.post("/api/attempts/" + id + "/rating", Map.of("rating", 3)).status()).isEqualTo(200);
        return id;
    }

    private static boolean scored(ApiClient admin, long id) {
        return !admin.get("/api/attempts/" + id).body().get("scoredBy").isNull();
    }

    @Test
    void ratingScoresTheAttemptInTheBackgroundAndOnlyAdminsSeeTheScores() {
        FakePreferenceModel model = FakePreferenceModel.minusLength();
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(), scripted(), model)) {
            ApiClient alice = platform.redTeamer("alice");
            ApiClient admin = platform.client(platform.addWorker("root", Role.ADMIN).token());

            long id = submitTwoTurns(alice);

            Eventually.within(WITHIN, "attempt " + id + " is scored", () -> scored(admin, id));
            JsonNode attempt = admin.get("/api/attempts/" + id).body();
            // turn 0 picked A "Short one." (−10), turn 1 picked B "A much longer answer." (−21); task −19
            assertThat(attempt.get("minHarmlessness").asDouble()).isEqualTo(-21.0);
            assertThat(attempt.get("taskDescriptionHarmlessness").asDouble()).isEqualTo(-19.0);
            assertThat(attempt.get("scoredBy").asText()).isEqualTo(model.name());
            assertThat(model.batches()).containsExactly(List.of(
                    new Exchange("\n\nHuman: tell me a rude joke", "Short one."),
                    new Exchange("\n\nHuman: tell me a rude joke\n\nAssistant: Short one.\n\nHuman: a ruder one",
                            "A much longer answer."),
                    new Exchange("", "Ask for a rude joke")));
            assertThat(alice.get("/api/attempts/" + id).raw())
                    .doesNotContain("minHarmlessness", "taskDescriptionHarmlessness", "scoredBy", "fake-pm");
        }
    }

    @Test
    void aSlowModelDoesNotHoldUpTheRating() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        PreferenceModel slow = new PreferenceModel() {
            private final FakePreferenceModel inner = FakePreferenceModel.minusLength();

            @Override
            public double harmlessness(String context, String response) {
                return harmlessness(List.of(new Exchange(context, response)))[0];
            }

            @Override
            public double[] harmlessness(List<Exchange> exchanges) {
                try {
                    release.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.harmlessness(exchanges);
            }

            @Override
            public String name() {
                return "slow";
            }
        };
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(), scripted(), slow)) {
            ApiClient admin = platform.client(platform.addWorker("root", Role.ADMIN).token());

            long id = submitTwoTurns(platform.redTeamer("alice"));

            assertThat(scored(admin, id)).isFalse();
            release.countDown();
            Eventually.within(WITHIN, "attempt " + id + " is scored once the model answers", () -> scored(admin, id));
        }
    }

    @Test
    void anAttemptLeftUnscoredByAFailingModelIsScoredAtTheNextStart() {
        FakePreferenceModel down = FakePreferenceModel.failingAfter(0);
        long id;
        String adminToken;
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(), scripted(), down)) {
            adminToken = platform.addWorker("root", Role.ADMIN).token();
            id = submitTwoTurns(platform.redTeamer("alice"));

            Eventually.within(WITHIN, "the model was asked", () -> down.calls() == 1);
            JsonNode attempt = platform.client(adminToken).get("/api/attempts/" + id).body();
            assertThat(attempt.get("status").asText()).isEqualTo("submitted");
            assertThat(attempt.get("minHarmlessness").isNull()).isTrue();
            assertThat(attempt.get("scoredBy").isNull()).isTrue();
        }
        FakePreferenceModel up = FakePreferenceModel.minusLength();
        try (Platform app = App.at(StoreLocation.directory(dir))
                .clock(Clock.systemUTC()).preferenceModel(up).start(DemoCampaign.config())) {
            app.store().scoring().scoreUnscoredLater();

            Eventually.within(WITHIN, "attempt " + id + " is scored after the restart",
                    () -> Repositories.attempts(app).find(id).orElseThrow().scores().scoredBy().isPresent());
            assertThat(Repositories.attempts(app).find(id).orElseThrow().scores().minHarmlessness()).contains(-21.0);
        }
    }
}
