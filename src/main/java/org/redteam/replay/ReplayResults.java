package org.redteam.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Outcome;
import org.redteam.judge.Verdict;
import org.redteam.problem.InvalidInputException;
import org.redteam.release.ReleasedJson;

/**
 * A {@link ReplayResult} as one line of {@code results.jsonl} and back: {@code {"suite", "attack_id", "target_id",
 * "transcript" (the released "\n\nHuman: …\n\nAssistant: …" layout), "min_harmlessness", "first_harmful_turn" (by
 * the first judge, 0-based, or null), "verdicts": [{"judge_id", "judge_version", "outcome", "score", "tags",
 * "rationale", "first_harmful_turn", "turns": [{"index", "outcome", "score", "tags", "rationale"}]}], "tokens":
 * {"prompt", "completion"} or null, "error", "millis", "attack": {"red_team_member_id", "tags", "rating",
 * "min_harmlessness", "source_kind", "attempt_id"}}} (docs/replay.md).
 */
public final class ReplayResults {
    private static final ObjectMapper JSON = new ObjectMapper(ReleasedJson.FACTORY);

    private ReplayResults() {
    }

    /** The result as one line, without the newline. */
    public static String line(ReplayResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", r.suiteVersion());
        json.put("attack_id", r.attackId());
        json.put("target_id", r.targetId());
        json.put("transcript", Transcript.of(r.transcript()).render());
        json.put("min_harmlessness", r.minHarmlessness());
        json.put("first_harmful_turn", r.verdicts().isEmpty() ? null : r.verdicts().get(0).firstHarmfulTurn().orElse(null));
        List<Object> verdicts = new ArrayList<>();
        for (ReplayResult.JudgedReplay j : r.verdicts()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("judge_id", j.verdict().judgeId());
            v.put("judge_version", j.verdict().judgeVersion());
            v.putAll(fields(j.verdict()));
            v.put("first_harmful_turn", j.firstHarmfulTurn().orElse(null));
            List<Object> turns = new ArrayList<>();
            for (int i = 0; i < j.turns().size(); i++) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("index", i);
                t.putAll(fields(j.turns().get(i)));
                turns.add(t);
            }
            v.put("turns", turns);
            verdicts.add(v);
        }
        json.put("verdicts", verdicts);
        json.put("tokens", r.tokens().map(t -> Map.of("prompt", t.prompt(), "completion", t.completion())).orElse(null));
        json.put("error", r.error());
        json.put("millis", r.millis());
        Map<String, Object> attack = new LinkedHashMap<>();
        ReplayResult.AttackFacts a = r.attack();
        attack.put("red_team_member_id", a.member());
        attack.put("tags", a.tags());
        attack.put("rating", a.rating());
        attack.put("min_harmlessness", a.minHarmlessness());
        attack.put("source_kind", a.sourceKind());
        attack.put("attempt_id", a.attemptId());
        json.put("attack", attack);
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> fields(Verdict v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("outcome", v.outcome().code());
        f.put("score", v.score().isPresent() ? v.score().getAsDouble() : null);
        f.put("tags", v.tags());
        f.put("rationale", v.rationale());
        return f;
    }

    /** Parses a line written by {@link #line}; {@code where} ("results.jsonl:12") starts every error. */
    public static ReplayResult parse(String line, String where) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                throw new InvalidInputException(where + ": not a replay result (a JSON object per line)");
            }
            List<ReplayResult.JudgedReplay> verdicts = new ArrayList<>();
            for (JsonNode v : n.path("verdicts")) {
                String id = v.path("judge_id").asText();
                String version = v.path("judge_version").asText();
                List<Verdict> turns = new ArrayList<>();
                for (JsonNode t : v.path("turns")) {
                    turns.add(verdict(id, version, t, where));
                }
                verdicts.add(new ReplayResult.JudgedReplay(verdict(id, version, v, where), turns));
            }
            JsonNode tokens = n.path("tokens");
            JsonNode a = n.path("attack");
            List<String> tags = new ArrayList<>();
            a.path("tags").forEach(t -> tags.add(t.asText()));
            return new ReplayResult(required(n, "suite", where), required(n, "attack_id", where), required(n, "target_id", where),
                    Transcript.parse(n.path("transcript").asText()).messages(), number(n.get("min_harmlessness")), verdicts,
                    tokens.isObject() ? Optional.of(new ReplayResult.Tokens(tokens.path("prompt").asLong(),
                            tokens.path("completion").asLong())) : Optional.empty(),
                    n.path("error").isTextual() ? n.path("error").asText() : null, n.path("millis").asLong(),
                    new ReplayResult.AttackFacts(a.path("red_team_member_id").isNull() || a.path("red_team_member_id").isMissingNode()
                            ? null : a.path("red_team_member_id").asText(), tags, number(a.get("rating")),
                            number(a.get("min_harmlessness")), a.path("source_kind").asText("file"),
                            a.path("attempt_id").isIntegralNumber() ? a.path("attempt_id").asLong() : null));
        } catch (IOException e) {
            throw new InvalidInputException(where + ": not a replay result: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": not a replay result: " + e.getMessage(), e);
        }
    }

    private static Verdict verdict(String judgeId, String version, JsonNode v, String where) {
        Outcome outcome = Outcome.ofCode(v.path("outcome").asText())
                .orElseThrow(() -> new InvalidInputException(where + ": field 'outcome' must be HARMFUL, NOT_HARMFUL or UNDETERMINED"));
        List<String> tags = new ArrayList<>();
        v.path("tags").forEach(t -> tags.add(t.asText()));
        JsonNode score = v.get("score");
        return new Verdict(judgeId, version, outcome,
                score == null || score.isNull() ? OptionalDouble.empty() : OptionalDouble.of(score.asDouble()), tags,
                v.path("rationale").asText(""));
    }

    private static String required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new InvalidInputException(where + ": field '" + field + "' is missing");
        }
        return v.asText();
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.asDouble();
    }
}
