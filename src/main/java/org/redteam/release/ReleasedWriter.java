package org.redteam.release;

import org.redteam.release.ReleasedRecord;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes records in the released format, exactly the ten keys in the released order (plus, only when asked, the
 * signals extension's three keys after them, {@link ReleasedSignals}): either ONE
 * JSON array indented like the original file, or JSON Lines. Streams: nothing is kept per record.
 * {@code rating} is always written as a float ({@code 4.0}, never {@code 4}).
 */
public final class ReleasedWriter implements AutoCloseable {
    private final JsonGenerator json;
    private final boolean array;
    private long written;

    /** {@code array}: ONE JSON array (the release's layout); otherwise one record per line. */
    public ReleasedWriter(OutputStream out, boolean array) throws IOException {
        this.json = ReleasedJson.FACTORY.createGenerator(out);
        this.array = array;
        json.setPrettyPrinter(array ? ReleasedJson.indented() : ReleasedJson.oneLine());
        if (array) {
            json.writeStartArray();
        }
    }

    public void write(ReleasedRecord r) throws IOException {
        write(r, null);
    }

    /** As {@link #write(ReleasedRecord)}, then, when {@code signals} is not null, its keys ({@link ReleasedSignals}). */
    public void write(ReleasedRecord r, ReleasedSignals signals) throws IOException {
        List<String> keys = ReleasedRecord.KEYS;
        json.writeStartObject();
        json.writeStringField(keys.get(0), r.transcript());
        writeNullable(keys.get(1), r.minHarmlessnessScoreTranscript());
        json.writeStringField(keys.get(2), r.numParams());
        json.writeStringField(keys.get(3), r.modelType());
        json.writeNumberField(keys.get(4), r.rating());
        json.writeStringField(keys.get(5), r.taskDescription());
        writeNullable(keys.get(6), r.taskDescriptionHarmlessnessScore());
        json.writeNumberField(keys.get(7), r.redTeamMemberId());
        json.writeBooleanField(keys.get(8), r.isUpworker());
        json.writeFieldName(keys.get(9));
        if (r.tags() == null) {
            json.writeNull();
        } else {
            json.writeStartArray();
            for (String tag : r.tags()) {
                json.writeString(tag);
            }
            json.writeEndArray();
        }
        if (signals != null) {
            writeSignals(signals);
        }
        json.writeEndObject();
        written++;
    }

    private void writeSignals(ReleasedSignals s) throws IOException {
        List<String> keys = ReleasedSignals.KEYS;
        json.writeArrayFieldStart(keys.get(0));
        for (ReleasedSignals.Flag flag : s.flags()) {
            json.writeStartObject();
            json.writeNumberField("turn", flag.turn());
            json.writeStringField("reason", flag.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
        if (s.neededExpertise() == null) {
            json.writeNullField(keys.get(1));
        } else {
            json.writeBooleanField(keys.get(1), s.neededExpertise());
        }
        json.writeStringField(keys.get(2), s.expertiseArea());
    }

    private void writeNullable(String key, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(key);
        } else {
            json.writeNumberField(key, value.doubleValue());
        }
    }

    public long written() {
        return written;
    }

    /** Ends the array (or the last line) and flushes; does not close the stream. */
    public void finish() throws IOException {
        if (array) {
            json.writeEndArray();
        } else if (written > 0) {
            json.writeRaw('\n');
        }
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
