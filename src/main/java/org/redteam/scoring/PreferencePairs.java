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
import org.redteam.attempt.Comparison;
import org.redteam.problem.InvalidInputException;

/**
 * Harmlessness comparisons for preference-model training, from an hh-rlhf file or from the
 * platform's own picks. Every pair is (context, less harmful, more harmful).
 */
public final class PreferencePairs {
    private static final String ASSISTANT = "\n\nAssistant:";
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
    public static List<PreferencePair> read(Path file) {
        List<PreferencePair> pairs = new ArrayList<>();
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
    private static PreferencePair parse(String line, String where) {
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
        int split = splitPoint(chosen, rejected);
        if (split < 0) {
            throw new InvalidInputException(where + ": no \"\\n\\nAssistant:\" turn that both transcripts share "
                    + "before they differ (at character " + commonPrefixLength(chosen, rejected) + ")");
        }
        return new PreferencePair(chosen.substring(0, split), response(chosen, split), response(rejected, split));
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

    /** Where the compared Assistant turn starts in both transcripts, or -1 when they share none. */
    private static int splitPoint(String chosen, String rejected) {
        int at = chosen.lastIndexOf(ASSISTANT, commonPrefixLength(chosen, rejected));
        while (at >= 0 && !rejected.startsWith(ASSISTANT, at)) {
            at = at == 0 ? -1 : chosen.lastIndexOf(ASSISTANT, at - 1);
        }
        return at;
    }

    private static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String response(String transcript, int split) {
        return transcript.substring(split + ASSISTANT.length()).strip();
    }

    /** A platform pick as a training pair: chosen = the response NOT picked as more harmful. */
    public static PreferencePair of(Comparison c) {
        return new PreferencePair(c.context(), c.lessHarmful().strip(), c.moreHarmful().strip());
    }
}
