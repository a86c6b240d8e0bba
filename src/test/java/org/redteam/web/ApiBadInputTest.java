package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.testing.ApiClient;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/**
 * Every way a JSON API request can be malformed, and the 400 it gets: the message names the field or
 * parameter and what it must be. The table is the specification (docs/api.md, "400"); the checks come
 * before any service call, so no attempt or review task needs to exist.
 */
class ApiBadInputTest {
    @TempDir
    Path dir;

    enum Who { RED_TEAMER, REVIEWER, ADMIN }

    /** {@code body} null for a GET; {@code error} the exact message, or its start when it ends with "…". */
    record Case(Who who, String path, String body, String error) {
    }

    static final String TOPICS = "topics: must be a list of the campaign's risk topics";
    static final String TASK = "taskDescription: required, as a JSON string";
    static final String NO_SIDE = "moreHarmful: must be \"A\" or \"B\", got nothing";
    static final String RATING = "rating: must be a whole number from 0 to 4";
    static final String REVIEW_RATING = "rating: required, a whole number from 0 to 4";
    static final String ANSWERS = "answers: required, an object of item → 0..4";
    static final String UPSET = "answers.upset: must be a whole number from 0 to 4";
    static final String PER_TARGET = "perTarget: required, a whole number";

    static final List<Case> CASES = List.of(
            post(Who.RED_TEAMER, "/api/consent", "{}", TOPICS),
            post(Who.RED_TEAMER, "/api/consent", "{\"topics\": \"Theft\"}", TOPICS),
            post(Who.RED_TEAMER, "/api/consent", "{\"topics\": [\"Nope\"]}", "topics: 'Nope' is not one of this campaign's topics"),
            post(Who.RED_TEAMER, "/api/consent", "[]", "the request body must be a JSON object"),
            post(Who.RED_TEAMER, "/api/consent", "", "the request body must be a JSON object"),
            post(Who.RED_TEAMER, "/api/consent", "\"Theft\"", "the request body must be a JSON object"),
            post(Who.RED_TEAMER, "/api/consent", "{\"topics\": [", "the request body is not valid JSON: …"),
            post(Who.RED_TEAMER, "/api/attempts", "{}", TASK),
            post(Who.RED_TEAMER, "/api/attempts", "{\"taskDescription\": 5}", TASK),
            post(Who.RED_TEAMER, "/api/attempts", "{\"taskDescription\": null}", TASK),
            post(Who.RED_TEAMER, "/api/attempts", "{\"taskDescription\": [\"plan\"]}", TASK),
            post(Who.RED_TEAMER, "/api/attempts/1/turns", "{\"message\": true}", "message: required, as a JSON string"),
            post(Who.RED_TEAMER, "/api/attempts/abc/turns", "{\"message\": \"hi\"}", "attempt id: must be a whole number, got 'abc'"),
            post(Who.RED_TEAMER, "/api/attempts/1/turns/0/choice", "{}", NO_SIDE),
            post(Who.RED_TEAMER, "/api/attempts/1/turns/0/choice", "{\"moreHarmful\": 1}", NO_SIDE),
            post(Who.RED_TEAMER, "/api/attempts/1/turns/0/choice", "{\"moreHarmful\": \"a\"}", "moreHarmful: must be \"A\" or \"B\", got \"a\""),
            post(Who.RED_TEAMER, "/api/attempts/1/turns/x/choice", "{\"moreHarmful\": \"A\"}", "turn index: must be a whole number, got 'x'"),
            post(Who.RED_TEAMER, "/api/attempts/1/rating", "{}", RATING),
            post(Who.RED_TEAMER, "/api/attempts/1/rating", "{\"rating\": null}", RATING),
            post(Who.RED_TEAMER, "/api/attempts/1/rating", "{\"rating\": 2.5}", RATING),
            post(Who.RED_TEAMER, "/api/attempts/1/rating", "{\"rating\": 2.0}", RATING),
            post(Who.RED_TEAMER, "/api/attempts/1/rating", "{\"rating\": \"2\"}", RATING),
            post(Who.RED_TEAMER, "/api/attempts/1/rating", "{\"rating\": 3000000000}", RATING),
            get(Who.RED_TEAMER, "/api/attempts/abc", "attempt id: must be a whole number, got 'abc'"),
            post(Who.REVIEWER, "/api/reviews/1", "{}", REVIEW_RATING),
            post(Who.REVIEWER, "/api/reviews/1", "{\"rating\": \"3\"}", REVIEW_RATING),
            post(Who.REVIEWER, "/api/reviews/1", "{\"rating\": 3, \"tags\": \"Theft\"}", "tags: must be a list of tags"),
            post(Who.REVIEWER, "/api/reviews/1", "{\"rating\": 3, \"tags\": [\"Theft\", 1]}", "tags: each tag must be a string"),
            post(Who.REVIEWER, "/api/reviews/1", "{\"rating\": 3, \"tags\": [null]}", "tags: each tag must be a string"),
            post(Who.REVIEWER, "/api/reviews/1", "{\"rating\": 3, \"note\": 5}", "note: must be a string"),
            get(Who.REVIEWER, "/api/reviews/abc", "review task id: must be a whole number, got 'abc'"),
            post(Who.REVIEWER, "/api/reviews/abc/skip", "{}", "review task id: must be a whole number, got 'abc'"),
            post(Who.REVIEWER, "/api/wellbeing", "{}", ANSWERS),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": [1]}", ANSWERS),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {\"upset\": \"x\"}}", UPSET),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {\"upset\": 1.5}}", UPSET),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {\"upset\": null}}", UPSET),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {\"alert\": 1, \"upset\": 3000000000}}", UPSET),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {}, \"freeText\": 5}", "freeText: must be a string"),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {}, \"kind\": \"other\"}", "kind: must be \"review\" or \"red-team\", got 'other'"),
            post(Who.REVIEWER, "/api/wellbeing", "{\"answers\": {}, \"kind\": 5}", "kind: must be \"review\" or \"red-team\", got '5'"),
            post(Who.ADMIN, "/api/admin/review-queue", "{}", "mode: must be \"all\", \"sample\" or \"filter\", got ''"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": 5}", "mode: must be \"all\", \"sample\" or \"filter\", got '5'"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"everything\"}", "mode: must be \"all\", \"sample\" or \"filter\", got 'everything'"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"sample\"}", PER_TARGET),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"sample\", \"perTarget\": \"5\"}", PER_TARGET),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"sample\", \"perTarget\": 1.5}", PER_TARGET),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"sample\", \"perTarget\": 5, \"seed\": \"x\"}", "seed: must be a whole number"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"sample\", \"perTarget\": 5, \"seed\": 1.5}", "seed: must be a whole number"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"filter\", \"targets\": \"one\"}", "targets: must be a list of target ids"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"filter\", \"minRating\": \"x\"}", "minRating: must be a number"),
            post(Who.ADMIN, "/api/admin/review-queue", "{\"mode\": \"filter\", \"maxRating\": true}", "maxRating: must be a number"),
            get(Who.ADMIN, "/api/agreement?resamples=x", "resamples: must be a whole number, got 'x'"),
            get(Who.ADMIN, "/api/agreement?resamples=20000", "resamples: must be 0 to 10000, got 20000"),
            get(Who.ADMIN, "/api/agreement?resamples=-1", "resamples: must be 0 to 10000, got -1"),
            get(Who.ADMIN, "/api/agreement?resamples=0&seed=x", "seed: must be a whole number, got 'x'"));

    static Case post(Who who, String path, String body, String error) {
        return new Case(who, path, body, error);
    }

    static Case get(Who who, String path, String error) {
        return new Case(who, path, null, error);
    }

    static CampaignConfig campaign() {
        return new CampaignConfigLoader().parse("bad-input.yaml", """
                name: bad input
                targets:
                  - {id: one, model_type: rlhf, size: 1B, backend: {kind: demo}}
                """);
    }

    @Test
    void eachMalformedRequestIsA400NamingTheFieldOrParameter() {
        try (TestPlatform platform = TestPlatform.start(dir, campaign())) {
            ApiClient redTeamer = platform.redTeamer("alice");
            ApiClient reviewer = platform.client(platform.addWorker("bob", Role.REVIEWER).token());
            ApiClient admin = platform.client(platform.addWorker("ada", Role.ADMIN).token());
            List<String> wrong = new ArrayList<>();
            for (Case c : CASES) {
                ApiClient client = switch (c.who()) {
                    case RED_TEAMER -> redTeamer;
                    case REVIEWER -> reviewer;
                    case ADMIN -> admin;
                };
                ApiClient.Response r = c.body() == null ? client.get(c.path()) : client.post(c.path(), c.body());
                boolean prefix = c.error().endsWith("…");
                String expected = prefix ? c.error().substring(0, c.error().length() - 1) : c.error();
                String got = r.error();
                if (r.status() != 400 || got == null || !(prefix ? got.startsWith(expected) : got.equals(expected))) {
                    wrong.add((c.body() == null ? "GET " : "POST ") + c.path() + " " + c.body() + ": " + r.status() + " " + r.raw());
                }
            }
            assertThat(wrong).as("%d requests", CASES.size()).isEmpty();
        }
    }

    @Test
    void idsAreLongsSoAnIdBeyondIntIsNotFoundRatherThanMalformed() {
        try (TestPlatform platform = TestPlatform.start(dir, campaign())) {
            ApiClient redTeamer = platform.redTeamer("alice");
            ApiClient reviewer = platform.client(platform.addWorker("bob", Role.REVIEWER).token());

            ApiClient.Response attempt = redTeamer.get("/api/attempts/4294967296");
            ApiClient.Response task = reviewer.get("/api/reviews/4294967296");

            assertThat(attempt.status()).isEqualTo(404);
            assertThat(attempt.error()).isEqualTo("no attempt 4294967296");
            assertThat(task.status()).isEqualTo(404);
            assertThat(task.error()).isEqualTo("no review task 4294967296");
        }
    }

    @Test
    void fieldsAModeDoesNotUseAreIgnoredAsBefore() {
        try (TestPlatform platform = TestPlatform.start(dir, campaign())) {
            ApiClient admin = platform.client(platform.addWorker("ada", Role.ADMIN).token());

            ApiClient.Response all = admin.post("/api/admin/review-queue", "{\"mode\": \"all\", \"perTarget\": \"x\", \"targets\": 5}");

            assertThat(all.status()).isEqualTo(200);
            assertThat(all.body().get("added").asInt()).isZero();
        }
    }
}
