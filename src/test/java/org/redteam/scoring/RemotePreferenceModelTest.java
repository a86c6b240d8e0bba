package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redteam.testing.FakePreferenceModelServer;
import org.redteam.testing.FakeHttpServer.Reply;

/** The remote model against a fake served reward model on a free port (contract: docs/preference-model-remote.md). */
class RemotePreferenceModelTest {
    private final FakePreferenceModelServer server = FakePreferenceModelServer.minusLength();

    @AfterEach
    void stop() {
        server.close();
    }

    private RemotePreferenceModel model(int batchSize, Duration timeout, Optional<String> key) {
        return new RemotePreferenceModel(server.url(), timeout, timeout, batchSize, key);
    }

    private RemotePreferenceModel model() {
        return model(64, Duration.ofSeconds(5), Optional.empty());
    }

    private static List<Exchange> exchanges(int n) {
        List<Exchange> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Exchange("\n\nHuman: message " + i, "x".repeat(i)));
        }
        return list;
    }

    @Test
    void postsContextAndResponseAndReadsOneScorePerInputInOrder() {
        double[] scores = model().harmlessness(List.of(new Exchange("\n\nHuman: hi", "Hello!"), new Exchange("", "a task")));

        assertThat(scores).containsExactly(-6.0, -6.0);
        FakePreferenceModelServer.Request request = server.requests().get(0);
        assertThat(request.body().toString()).isEqualTo("{\"inputs\":[{\"context\":\"\\n\\nHuman: hi\",\"response\":\"Hello!\"},"
                + "{\"context\":\"\",\"response\":\"a task\"}]}");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.authorization()).isNull();
        assertThat(model().harmlessness("ctx", "four")).isEqualTo(-4.0);
    }

    @Test
    void sendsAtMostTheBatchSizePerRequestAndKeepsTheOrder() {
        double[] scores = model(4, Duration.ofSeconds(5), Optional.empty()).harmlessness(exchanges(10));

        assertThat(server.requests()).extracting(FakePreferenceModelServer.Request::inputs).containsExactly(4, 4, 2);
        assertThat(scores).containsExactly(0, -1, -2, -3, -4, -5, -6, -7, -8, -9);
    }

    @Test
    void sendsNoRequestForNoInputs() {
        assertThat(model().harmlessness(List.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void sendsTheApiKeyAsABearerTokenAndNeverShowsIt() {
        server.reply(r -> new Reply(401, "{\"error\": \"bad token\"}", 0));
        RemotePreferenceModel model = model(64, Duration.ofSeconds(5), Optional.of("s3cret-key"));

        assertThatThrownBy(() -> model.harmlessness("c", "r"))
                .isInstanceOf(ScoringException.class)
                .hasMessageContaining("HTTP 401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-key"));
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer s3cret-key");
        assertThat(model.name()).doesNotContain("s3cret-key");
    }

    @Test
    void aSlowServerTimesOut() {
        server.reply(r -> new Reply(200, "{\"scores\": [1.0]}", 2_000));
        RemotePreferenceModel model = model(64, Duration.ofMillis(200), Optional.empty());
        long start = System.nanoTime();

        assertThatThrownBy(() -> model.harmlessness("c", "r"))
                .isInstanceOf(ScoringException.class)
                .hasMessage("preference model at " + server.url() + ": no answer within 200 ms (timeout_ms) for 1 inputs");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void aMissingScoresArrayIsAnError() {
        server.reply(r -> Reply.ok("{\"score\": 1.0}"));

        assertThatThrownBy(() -> model().harmlessness("c", "r"))
                .hasMessageContaining("expected a JSON object with a \"scores\" array; body: {\"score\": 1.0}");
    }

    @Test
    void theWrongNumberOfScoresIsAnError() {
        server.reply(r -> Reply.ok("{\"scores\": [1.0, 2.0, 3.0]}"));

        assertThatThrownBy(() -> model().harmlessness(exchanges(2)))
                .isInstanceOf(ScoringException.class)
                .hasMessageContaining("sent 2 inputs but got 3 scores");
    }

    @Test
    void nonNumericScoresAreAnError() {
        server.reply(r -> Reply.ok("{\"scores\": [1.5, \"2.0\"]}"));
        assertThatThrownBy(() -> model().harmlessness(exchanges(2)))
                .hasMessageContaining("scores[1] must be a finite number, got \"2.0\"");

        server.reply(r -> Reply.ok("{\"scores\": [null]}"));
        assertThatThrownBy(() -> model().harmlessness(exchanges(1)))
                .hasMessageContaining("scores[0] must be a finite number, got null");
    }

    @Test
    void itsNameIsTheUrlWithoutUserInfoOrQuery() {
        RemotePreferenceModel model = new RemotePreferenceModel(URI.create("https://user:pw@pm.example.org:8443/v1/score?key=k"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 64, Optional.empty());

        assertThat(model.name()).isEqualTo("remote https://pm.example.org:8443/v1/score");
    }
}
