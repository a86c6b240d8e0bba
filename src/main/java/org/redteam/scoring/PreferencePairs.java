package org.redteam.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.redteam.conversation.Comparison;
import org.redteam.problem.InvalidInputException;

/**
 * Harmlessness comparisons for preference-model training, from an hh-rlhf file or from the
 * platform's own picks.
 */
public final class PreferencePairs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreferencePairs() {
    }

    /**
     * Reads hh-rlhf JSON Lines, plain or gzip (recognised by its magic bytes {@code 1f 8b}): one
     * {@code {"chosen": transcript, "rejected": transcript}} per line, blank lines skipped. The two
     * transcripts share a prefix and differ in their last Assistant turn; the split is at the last
     * {@code "\n\nAssistant:"} that both have at the same place within their common prefix.
     *
     * @throws InvalidInputException naming the file and 1-based line of the first bad record, or the
     *                               file when it holds no pairs
     */
    public static List<Comparison> read(Path file) {
        List<Comparison> pairs = new ArrayList<>();
        try (BufferedReader lines = open(file)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    pairs.add(parse(line, file + ":" + number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading preference pairs from " + file, e);
        }
        if (pairs.isEmpty()) {
            throw new InvalidInputException(file + ": no preference pairs; expected JSON Lines of "
                    + "{\"chosen\": transcript, \"rejected\": transcript}");
        }
        return List.copyOf(pairs);
    }

    private static BufferedReader open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        InputStream text = gzip ? new GZIPInputStream(in, 1 << 16) : in;
        return new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
    }

    /** {@code where} is "file:line", the prefix of every error message. */
    private static Comparison parse(String line, String where) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + ": broken JSON: " + e.getOriginalMessage(), e);
        }
        if (record == null || !record.isObject()) {
            throw new InvalidInputException(where + ": expected a JSON object, got " + kind(record));
        }
        String chosen = transcript(record, "chosen", where);
        String rejected = transcript(record, "rejected", where);
        if (chosen.equals(rejected)) {
            throw new InvalidInputException(where + ": \"chosen\" and \"rejected\" are identical; nothing to compare");
        }
        return Comparison.ofTranscripts(chosen, rejected).orElseThrow(() -> new InvalidInputException(where
                + ": no \"\\n\\nAssistant:\" turn that both transcripts share before they differ (at character "
                + Comparison.commonPrefixLength(chosen, rejected) + ")"));
    }

    private static String transcript(JsonNode record, String field, String where) {
        JsonNode value = record.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(where + ": \"" + field + "\" must be a string transcript, got " + kind(value));
        }
        return value.textValue();
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

}
