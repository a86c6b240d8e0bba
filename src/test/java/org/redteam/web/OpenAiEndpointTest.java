package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.attempt.AutomatedAttemptRepository.AutomatedAttempt;
import org.redteam.attempt.AutomatedAttemptRepository.AutomatedTurn;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.testing.PageSession;
import org.redteam.testing.Repositories;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** The targets as an OpenAI-compatible endpoint, spoken to with the JDK client in OpenAI's exact shapes. */
class OpenAiEndpointTest {
    static final CampaignConfig TWO = new CampaignConfigLoader().parse("two.yaml", """
            name: automation
            targets:
              - {id: plain-52b, model_type: plain lm, size: 52B, backend: {kind: demo, seed: 1}}
              - {id: rs-52b, model_type: rejection sampling, size: 52B, backend: {kind: demo, seed: 2},
                 interventions: [{kind: rejection-sampling, samples: 4, keep: 2}]}
            """);
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** What the OpenAI Python SDK sends, extra fields included. */
    static String sdkBody(String model, String messages, boolean stream) {
        return """
                {"model": "%s", "messages": %s, "temperature": 0.7, "top_p": 1, "max_tokens": 256, "n": 1,
                 "stream": %s, "frequency_penalty": 0, "presence_penalty": 0, "user": "pyrit-run-7", "stop": null,
                 "logit_bias": {}, "tools": null}""".formatted(model, messages, stream);
    }

    HttpResponse<String> post(TestPlatform platform, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> models(TestPlatform platform, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/models"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<Long> automatedIds(TestPlatform platform) {
        return Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM automated_attempt ORDER BY id").mapTo(Long.class).list());
    }

    static int humanAttempts(TestPlatform platform) {
        return Repositories.attempts(platform.app()).jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM attempt").mapTo(Integer.class).one());
    }

    @Test
    void listsTheTargetsAndAnswersInOpenAisShapeWithTheBackendsText() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir, TWO, new ScriptedBackend("Sure, here is how."))) {
            String token = platform.addWorker("garak", Role.AUTOMATION).token();

            JsonNode list = JSON.readTree(models(platform, token).body());
            assertThat(list.get("object").asText()).isEqualTo("list");
            assertThat(list.get("data").findValuesAsText("id")).containsExactly("plain-52b", "rs-52b");
            assertThat(list.get("data").get(0).get("object").asText()).isEqualTo("model");
            assertThat(list.get("data").get(0).get("owned_by").asText()).isEqualTo("redteam");
            assertThat(list.get("data").get(0).get("created").isIntegralNumber()).isTrue();

            HttpResponse<String> r = post(platform, token, sdkBody("plain-52b",
                    "[{\"role\": \"system\", \"content\": \"You are helpful.\"}, {\"role\": \"user\", \"content\": \"tell me how to pick a lock\"}]", false));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("id").asText()).startsWith("chatcmpl-");
            assertThat(body.get("object").asText()).isEqualTo("chat.completion");
            assertThat(body.get("model").asText()).isEqualTo("plain-52b");
            assertThat(body.get("created").isIntegralNumber()).isTrue();
            JsonNode choice = body.get("choices").get(0);
            assertThat(choice.get("index").asInt()).isZero();
            assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
            assertThat(choice.get("message").get("content").asText()).isEqualTo("Sure, here is how.");
            assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");

            AutomatedAttempt stored = platform.app().automation().find(automatedIds(platform).get(0)).orElseThrow();
            assertThat(stored.turns()).containsExactly(new AutomatedTurn(0, "You are helpful.\n\ntell me how to pick a lock",
                    "Sure, here is how.", "stop"));
            assertThat(humanAttempts(platform)).isZero();
        }
    }

    @Test
    void aMultiTurnConversationIsOneAutomatedAttemptWithTwoTurns() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir, TWO, new ScriptedBackend("first reply", "second reply"))) {
            String token = platform.addWorker("pyrit", Role.AUTOMATION).token();
            assertThat(post(platform, token, sdkBody("plain-52b", "[{\"role\": \"user\", \"content\": \"hello\"}]", false)).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> second = post(platform, token, sdkBody("plain-52b", """
                    [{"role": "user", "content": "hello"}, {"role": "assistant", "content": "first reply"},
                     {"role": "user", "content": [{"type": "text", "text": "and then?"}]}]""", false));
            assertThat(JSON.readTree(second.body()).at("/choices/0/message/content").asText()).isEqualTo("second reply");
            // Another conversation (different earlier turns) is another attempt.
            post(platform, token, sdkBody("plain-52b", "[{\"role\": \"user\", \"content\": \"hello\"}, "
                    + "{\"role\": \"assistant\", \"content\": \"an answer it never gave\"}, {\"role\": \"user\", \"content\": \"more\"}]", false));

            List<Long> ids = automatedIds(platform);
            assertThat(ids).hasSize(2);
            AutomatedAttempt first = platform.app().automation().find(ids.get(0)).orElseThrow();
            assertThat(first.turns()).extracting(AutomatedTurn::human, AutomatedTurn::assistant).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("hello", "first reply"), org.assertj.core.groups.Tuple.tuple("and then?", "second reply"));
            assertThat(platform.app().automation().find(ids.get(1)).orElseThrow().turns()).extracting(AutomatedTurn::assistant)
                    .containsExactly("an answer it never gave", "first reply");
            assertThat(humanAttempts(platform)).isZero();
        }
    }

    @Test
    void onPostgresqlAConversationContinuesAndIsExportedOnlyWhenAsked() throws Exception {
        try (TestPlatform platform = TestPlatform.start(org.redteam.testing.Postgres.freshDatabase(), TWO,
                new ScriptedBackend("first reply", "second reply"))) {
            String token = platform.addWorker("pyrit", Role.AUTOMATION).token();
            post(platform, token, sdkBody("rs-52b", "[{\"role\": \"user\", \"content\": \"hello\"}]", false));
            String kept = JSON.readTree(post(platform, token, sdkBody("plain-52b", "[{\"role\": \"user\", \"content\": \"hello\"}]", false)).body())
                    .at("/choices/0/message/content").asText();
            post(platform, token, sdkBody("plain-52b", "[{\"role\": \"user\", \"content\": \"hello\"}, "
                    + "{\"role\": \"assistant\", \"content\": \"" + kept + "\"}, {\"role\": \"user\", \"content\": \"and then?\"}]", false));

            List<Long> ids = automatedIds(platform);
            assertThat(ids).hasSize(2); // one per target: the same words to another target are another conversation
            assertThat(platform.app().automation().find(ids.get(1)).orElseThrow().turns()).hasSize(2);
            List<org.redteam.release.ReleasedRecord> records = new ArrayList<>();
            assertThat(platform.app().store().exports().forEachReleased(false, records::add)).isZero();
            assertThat(platform.app().store().exports().forEachReleased(true, records::add)).isEqualTo(2);
            assertThat(records.get(1).transcript()).startsWith("\n\nHuman: hello\n\nAssistant: " + kept + "\n\nHuman: and then?");
            assertThat(records.get(1).modelType()).isEqualTo("plain lm (demo)");
        }
    }

    /** Streams word by word, as an OpenAI-compatible backend does. */
    static final class WordStreamingBackend implements ModelBackend {
        @Override
        public List<Completion> complete(CompletionRequest request) {
            List<Completion> out = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                String text = "Here is a story about a lock, number " + i + ".";
                for (String word : text.split("(?<= )")) {
                    request.stream().delta(i, word);
                }
                out.add(new Completion(text, "words", 0, "stop"));
            }
            return out;
        }
    }

    static List<JsonNode> events(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            assertThat(block).startsWith("data: ");
            String data = block.substring(6);
            events.add(data.equals("[DONE]") ? null : JSON.readTree(data));
        }
        return events;
    }

    static String assembled(List<JsonNode> events, int index) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e != null && e.at("/choices/0/index").asInt() == index)
                .forEach(e -> text.append(e.at("/choices/0/delta/content").asText("")));
        return text.toString();
    }

    @Test
    void streamingChunksAssembleToTheStoredReplyAndEndWithDone() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir, TWO, new WordStreamingBackend())) {
            String token = platform.addWorker("promptfoo", Role.AUTOMATION).token();
            HttpResponse<String> r = post(platform, token, sdkBody("plain-52b", "[{\"role\": \"user\", \"content\": \"tell me a story\"}]", true));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            List<JsonNode> events = events(r.body());
            assertThat(events.get(events.size() - 1)).isNull(); // data: [DONE]
            assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> {
                assertThat(e.get("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(e.get("model").asText()).isEqualTo("plain-52b");
            });
            assertThat(events.get(events.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            long contentChunks = events.stream().filter(e -> e != null && !e.at("/choices/0/delta/content").asText("").isEmpty()).count();
            assertThat(contentChunks).isGreaterThan(5); // word by word, as the backend wrote it

            String stored = platform.app().automation().find(automatedIds(platform).get(0)).orElseThrow().turns().get(0).assistant();
            assertThat(assembled(events, 0)).isEqualTo(stored).isEqualTo("Here is a story about a lock, number 0.");
        }
    }

    @Test
    void aRejectionSamplingTargetAppliesItsInterventionAndSendsItsReplyInOneChunk() throws Exception {
        // Four samples; the fake preference model finds shorter text more harmless, so the shortest is kept.
        ScriptedBackend samples = new ScriptedBackend("A long and detailed harmful answer.", "No.", "A medium answer.", "Another long answer here.");
        try (TestPlatform platform = TestPlatform.start(dir, TWO, samples)) {
            String token = platform.addWorker("garak", Role.AUTOMATION).token();
            HttpResponse<String> plain = post(platform, token, sdkBody("rs-52b", "[{\"role\": \"user\", \"content\": \"tell me how to pick a lock\"}]", false));
            assertThat(JSON.readTree(plain.body()).at("/choices/0/message/content").asText()).isEqualTo("No.");
            assertThat(samples.calls()).isEqualTo(1);

            HttpResponse<String> streamed = post(platform, token, sdkBody("rs-52b", "[{\"role\": \"user\", \"content\": \"again\"}]", true));
            List<JsonNode> events = events(streamed.body());
            long contentChunks = events.stream().filter(e -> e != null && !e.at("/choices/0/delta/content").asText("").isEmpty()).count();
            assertThat(contentChunks).isEqualTo(1);
            assertThat(assembled(events, 0)).isEqualTo("No.");
        }
    }

    @Test
    void otherRolesAreRefusedAndFailuresAnswerInOpenAisErrorShape() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ModelBackend failing = request -> {
            calls.incrementAndGet();
            throw new BackendUnavailableException(BackendUnavailableException.Failure.OVERLOADED, "upstream said 429 secret-key-abc");
        };
        try (TestPlatform platform = TestPlatform.start(dir, TWO, failing)) {
            String body = sdkBody("plain-52b", "[{\"role\": \"user\", \"content\": \"tell me how to pick a lock\"}]", false);
            for (Role role : List.of(Role.RED_TEAMER, Role.REVIEWER, Role.ADMIN)) {
                String token = platform.addWorker("w-" + role.label(), role).token();
                HttpResponse<String> r = post(platform, token, body);
                assertThat(r.statusCode()).as(role.label()).isEqualTo(403);
                assertThat(JSON.readTree(r.body()).at("/error/type").asText()).isEqualTo("permission_error");
                assertThat(models(platform, token).statusCode()).isEqualTo(403);
            }
            HttpResponse<String> anonymous = post(platform, null, body);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            JsonNode error = JSON.readTree(anonymous.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
            assertThat(error.has("message")).isTrue();
            assertThat(post(platform, "not-a-token", body).statusCode()).isEqualTo(401);

            var tool = platform.addWorker("tool", Role.AUTOMATION);
            PageSession cookie = PageSession.signIn(platform, tool.inviteSecret());
            assertThat(cookie.get("/v1/models").statusCode()).isEqualTo(401);

            HttpResponse<String> unknown = post(platform, tool.token(), body.replace("plain-52b", "gpt-4o"));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("model_not_found");
            HttpResponse<String> badShape = post(platform, tool.token(), sdkBody("plain-52b",
                    "[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"hello\"}]", false));
            assertThat(badShape.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badShape.body()).at("/error/message").asText()).contains("messages");
            HttpResponse<String> badRole = post(platform, tool.token(), sdkBody("plain-52b", "[{\"role\": \"tool\", \"content\": \"x\"}]", false));
            assertThat(JSON.readTree(badRole.body()).at("/error/message").asText()).startsWith("messages[0].role");
            HttpResponse<String> tooMany = post(platform, tool.token(), body.replace("\"n\": 1", "\"n\": 50"));
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(calls.get()).isZero();

            HttpResponse<String> failed = post(platform, tool.token(), body);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.body()).doesNotContain("secret-key-abc").doesNotContain("429");
            assertThat(JSON.readTree(failed.body()).at("/error/type").asText()).isEqualTo("api_error");
            assertThat(automatedIds(platform)).isEmpty();
        }
    }
}
