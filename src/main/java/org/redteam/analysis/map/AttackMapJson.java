package org.redteam.analysis.map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code map.json}: the map's settings, its clusters and every point, streamed (memory does not grow
 * with the points). Keys are camelCase as in the HTTP API; a missing harmlessness score is {@code null}.
 * <pre>
 * {"embedder": "all-MiniLM-L6-v2-q", "neighbours": 15, "seed": 42,
 *  "embedMillis": …, "umapMillis": …, "cachedTexts": …, "embeddedTexts": …,
 *  "clusters": [{"id": 0, "size": 812, "terms": ["lock", "pick", …], "x": 1.5, "y": -3.25}, …],
 *  "points": [{"id": "1", "x": …, "y": …, "cluster": 0, "modelType": "rlhf", "numParams": "52B",
 *              "minHarmlessness": -1.25, "label": "…"}, …]}
 * </pre>
 */
public final class AttackMapJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private AttackMapJson() {
    }

    /** Writes {@code map} to {@code file} through {@code file.tmp} in the same folder, then moves it over. */
    public static void write(AttackMap map, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (JsonGenerator json = FACTORY.createGenerator(tmp.toFile(), JsonEncoding.UTF8)) {
                write(map, json);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the attack map to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file written by {@link #write}; timings and counts come back as written. */
    public static AttackMap read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<AttackMap.Cluster> clusters = new ArrayList<>();
            for (JsonNode c : root.get("clusters")) {
                List<String> terms = new ArrayList<>();
                c.get("terms").forEach(t -> terms.add(t.asText()));
                clusters.add(new AttackMap.Cluster(c.get("id").asInt(), c.get("size").asInt(), terms,
                        c.get("x").floatValue(), c.get("y").floatValue()));
            }
            List<MapPoint> points = new ArrayList<>();
            for (JsonNode p : root.get("points")) {
                JsonNode h = p.get("minHarmlessness");
                points.add(new MapPoint(p.get("id").asText(), p.get("x").floatValue(), p.get("y").floatValue(),
                        p.get("cluster").asInt(), p.get("modelType").asText(), p.get("numParams").asText(),
                        h == null || h.isNull() ? null : h.asDouble(), p.get("label").asText()));
            }
            return new AttackMap(points, clusters, root.get("embedder").asText(), root.get("neighbours").asInt(),
                    root.get("seed").asLong(), root.get("embedMillis").asLong(), root.get("umapMillis").asLong(),
                    root.get("cachedTexts").asInt(), root.get("embeddedTexts").asInt());
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException("cannot read the attack map " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void write(AttackMap map, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("embedder", map.embedder());
        json.writeNumberField("neighbours", map.neighbours());
        json.writeNumberField("seed", map.seed());
        json.writeNumberField("embedMillis", map.embedMillis());
        json.writeNumberField("umapMillis", map.umapMillis());
        json.writeNumberField("cachedTexts", map.cachedTexts());
        json.writeNumberField("embeddedTexts", map.embeddedTexts());
        json.writeArrayFieldStart("clusters");
        for (AttackMap.Cluster c : map.clusters()) {
            json.writeStartObject();
            json.writeNumberField("id", c.id());
            json.writeNumberField("size", c.size());
            json.writeArrayFieldStart("terms");
            for (String t : c.terms()) {
                json.writeString(t);
            }
            json.writeEndArray();
            json.writeNumberField("x", c.x());
            json.writeNumberField("y", c.y());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("points");
        for (MapPoint p : map.points()) {
            json.writeRaw('\n');
            json.writeStartObject();
            json.writeStringField("id", p.id());
            json.writeNumberField("x", p.x());
            json.writeNumberField("y", p.y());
            json.writeNumberField("cluster", p.cluster());
            json.writeStringField("modelType", p.modelType());
            json.writeStringField("numParams", p.numParams());
            json.writeFieldName("minHarmlessness");
            if (p.minHarmlessness() == null) {
                json.writeNull();
            } else {
                json.writeNumber(p.minHarmlessness());
            }
            json.writeStringField("label", p.label());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
