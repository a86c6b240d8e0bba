package org.redteam.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small hand-made sets of attempts for the analysis tests, in memory or as a JSON Lines file. */
public final class AttackFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One attempt; {@code harmlessness} and {@code tags} may be null. */
    public record Row(long member, String modelType, String size, double rating, Double harmlessness, String firstTurn,
                      List<String> tags) {
    }

    private AttackFixtures() {
    }

    public static Row row(long member, String modelType, String size, double rating, Double harmlessness) {
        return new Row(member, modelType, size, rating, harmlessness, "ask number " + member + " something", null);
    }

    public static Row row(long member, double rating, Double harmlessness) {
        return row(member, "rlhf", "52B", rating, harmlessness);
    }

    public static Row turn(long member, String firstTurn) {
        return new Row(member, "rlhf", "52B", 0, 0.0, firstTurn, null);
    }

    public static Row tagged(long member, String... tags) {
        return new Row(member, "rlhf", "52B", 0, 0.0, "hello", tags == null ? null : Arrays.asList(tags));
    }

    public static Attacks attacks(Row... rows) {
        return attacks(List.of(rows));
    }

    public static Attacks attacks(List<Row> rows) {
        Attacks.Builder b = Attacks.builder();
        for (Row r : rows) {
            b.add(r.member(), new TargetLabel(r.modelType(), r.size()), r.rating(), r.harmlessness(), r.firstTurn(), r.tags());
        }
        return b.build();
    }

    /** The rows as a released-format JSON Lines file; each transcript is its first turn plus a short answer. */
    public static Path jsonl(Path file, List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            ObjectNode n = JSON.createObjectNode();
            n.put("transcript", "\n\nHuman: " + r.firstTurn() + "\n\nAssistant: I would rather not.");
            n.put("min_harmlessness_score_transcript", r.harmlessness());
            n.put("num_params", r.size());
            n.put("model_type", r.modelType());
            n.put("rating", r.rating());
            n.put("task_description", "Try: " + r.firstTurn());
            n.put("task_descripton_harmlessness_score", 0.5);
            n.put("red_team_member_id", r.member());
            n.put("is_upworker", false);
            if (r.tags() == null) {
                n.putNull("tags");
            } else {
                ArrayNode tags = n.putArray("tags");
                r.tags().forEach(tags::add);
            }
            lines.add(n.toString());
        }
        return Files.write(file, lines);
    }
}
