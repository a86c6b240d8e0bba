package org.redteam.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.redteam.judge.AttemptVerdict;
import org.redteam.judge.Verdict;
import org.redteam.release.ReleasedJson;

/**
 * {@code export --format verdicts}: JSON Lines, one line per attempt × judge, in attempt then judge order:
 * {@code {"attempt_id", "target_id", "judge_id", "judge_version", "outcome", "score", "tags", "rationale",
 * "judged_at", "turns": [{"index", "outcome", "score", "tags", "rationale"}]}}. outcome is HARMFUL, NOT_HARMFUL
 * or UNDETERMINED; score is a number in [0, 1] or null; judged_at is ISO-8601 UTC; turns are the verdicts on the
 * conversation up to each assistant turn (index 0 = the first).
 */
final class VerdictsWriter implements AutoCloseable {
    private final JsonGenerator json;
    private final UnaryOperator<String> text;
    private long written;

    /** {@code text} is applied to every rationale written: the PII scrubber or identity. */
    VerdictsWriter(OutputStream out, UnaryOperator<String> text) throws IOException {
        this.json = ReleasedJson.FACTORY.createGenerator(out);
        this.text = text;
        json.setPrettyPrinter(ReleasedJson.oneLine());
    }

    void write(AttemptVerdict v) throws IOException {
        json.writeStartObject();
        json.writeNumberField("attempt_id", v.attemptId());
        json.writeStringField("target_id", v.targetId());
        json.writeStringField("judge_id", v.verdict().judgeId());
        json.writeStringField("judge_version", v.verdict().judgeVersion());
        fields(v.verdict());
        json.writeStringField("judged_at", v.judgedAt().toString());
        json.writeArrayFieldStart("turns");
        for (AttemptVerdict.TurnVerdict t : v.turns()) {
            json.writeStartObject();
            json.writeNumberField("index", t.index());
            fields(t.verdict());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        written++;
    }

    private void fields(Verdict v) throws IOException {
        json.writeStringField("outcome", v.outcome().code());
        OptionalDouble score = v.score();
        if (score.isPresent()) {
            json.writeNumberField("score", score.getAsDouble());
        } else {
            json.writeNullField("score");
        }
        json.writeArrayFieldStart("tags");
        for (String tag : v.tags()) {
            json.writeString(tag);
        }
        json.writeEndArray();
        json.writeStringField("rationale", text.apply(v.rationale()));
    }

    long written() {
        return written;
    }

    void finish() throws IOException {
        if (written > 0) {
            json.writeRaw('\n');
        }
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    /** Writes every verdict of {@code verdicts} chunk by chunk; returns the number of attempts with a verdict. */
    static long writeAll(VerdictsWriter writer, Chunks verdicts) throws IOException {
        long attempts = 0;
        long after = 0;
        List<AttemptVerdict> chunk;
        while (!(chunk = verdicts.after(after)).isEmpty()) {
            for (AttemptVerdict v : chunk) {
                if (v.attemptId() != after) {
                    attempts++;
                }
                writer.write(v);
                after = v.attemptId();
            }
        }
        writer.finish();
        return attempts;
    }

    /** The verdicts of the next attempts (with ids above {@code afterId}) that have any; empty at the end. */
    @FunctionalInterface
    interface Chunks {
        List<AttemptVerdict> after(long afterId);
    }
}
