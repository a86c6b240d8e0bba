package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackMapJsonTest {
    @TempDir
    Path dir;

    static AttackMap smallMap() {
        return new AttackMap(List.of(
                new MapPoint("1", 1.5f, -2.25f, 0, "rlhf", "52B", -1.25, "pick a \"lock\"\n</script>"),
                new MapPoint("2", 3f, 4f, 1, "plain lm", "2.7B", null, "bake bread")),
                List.of(new AttackMap.Cluster(0, 1, List.of("lock", "pick"), 1.5f, -2.25f),
                        new AttackMap.Cluster(1, 1, List.of("bread"), 3f, 4f)),
                "hashing-256", 15, 42, 1200, 3400, 5, 6);
    }

    @Test
    void writesSettingsClustersAndEveryPoint() throws IOException {
        Path file = dir.resolve("out/map.json");

        AttackMapJson.write(smallMap(), file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.fieldNames()).toIterable().containsExactly("embedder", "neighbours", "seed",
                "embedMillis", "umapMillis", "cachedTexts", "embeddedTexts", "clusters", "points");
        assertThat(root.get("embedder").asText()).isEqualTo("hashing-256");
        assertThat(root.get("seed").asLong()).isEqualTo(42);
        JsonNode cluster = root.get("clusters").get(0);
        assertThat(cluster.fieldNames()).toIterable().containsExactly("id", "size", "terms", "x", "y");
        assertThat(cluster.get("terms").toString()).isEqualTo("[\"lock\",\"pick\"]");
        JsonNode point = root.get("points").get(0);
        assertThat(point.fieldNames()).toIterable().containsExactly("id", "x", "y", "cluster", "modelType", "numParams",
                "minHarmlessness", "label");
        assertThat(point.get("x").asDouble()).isEqualTo(1.5);
        assertThat(point.get("minHarmlessness").asDouble()).isEqualTo(-1.25);
        assertThat(point.get("label").asText()).isEqualTo("pick a \"lock\"\n</script>");
        assertThat(root.get("points").get(1).get("minHarmlessness").isNull()).isTrue();
    }

    @Test
    void readsBackWhatItWrote() {
        Path file = dir.resolve("map.json");

        AttackMapJson.write(smallMap(), file);

        assertThat(AttackMapJson.read(file)).isEqualTo(smallMap());
    }
}
