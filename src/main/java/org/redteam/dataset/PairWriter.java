package org.redteam.dataset;

import org.redteam.release.ReleasedJson;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.redteam.conversation.Comparison;
import org.redteam.attempt.Turn;
import org.redteam.conversation.Message;

/**
 * Writes the harmlessness comparisons of platform attempts as JSON Lines, one line per picked turn.
 * The context of turn i is the conversation before it (human messages and the responses picked as
 * more harmful, as the red teamer saw it) followed by {@code "\n\nHuman: " + message}. Per line:
 * <ul>
 * <li>{@code hh-pairs}: {@code {"chosen": context + "\n\nAssistant: " + less harmful,
 *     "rejected": context + "\n\nAssistant: " + more harmful}} — hh-rlhf {@code harmless-base};</li>
 * <li>{@code dpo}: {@code {"prompt": context + "\n\nAssistant:", "chosen": " " + less harmful,
 *     "rejected": " " + more harmful}}, so that prompt + chosen is the hh-pairs chosen text.</li>
 * </ul>
 */
final class PairWriter implements AutoCloseable {

    private final JsonGenerator json;
    private final boolean dpo;
    private final java.util.function.UnaryOperator<String> text;
    private long written;

    PairWriter(OutputStream out, boolean dpo) throws IOException {
        this(out, dpo, s -> s);
    }

    /** {@code text} is applied to every text written (context, chosen, rejected): the PII scrubber or identity. */
    PairWriter(OutputStream out, boolean dpo, java.util.function.UnaryOperator<String> text) throws IOException {
        this.json = ReleasedJson.FACTORY.createGenerator(out);
        this.dpo = dpo;
        this.text = text;
        json.setPrettyPrinter(ReleasedJson.oneLine());
    }

    /** Writes one line per turn that has a pick. */
    void write(List<Turn> turns) throws IOException {
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            String context = Turn.transcript(turns.subList(0, i)).plus(Message.human(turn.message())).render();
            var comparison = turn.comparison(context);
            if (comparison.isPresent()) {
                line(comparison.get());
            }
        }
    }

    private void line(Comparison c) throws IOException {
        String context = text.apply(c.context());
        String less = text.apply(c.lessHarmful());
        Comparison scrubbed = new Comparison(context, text.apply(c.moreHarmful()), less);
        json.writeStartObject();
        if (dpo) {
            json.writeStringField("prompt", scrubbed.prompt());
            json.writeStringField("chosen", " " + scrubbed.lessHarmful());
            json.writeStringField("rejected", " " + scrubbed.moreHarmful());
        } else {
            json.writeStringField("chosen", scrubbed.chosenTranscript());
            json.writeStringField("rejected", scrubbed.rejectedTranscript());
        }
        json.writeEndObject();
        written++;
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
}
