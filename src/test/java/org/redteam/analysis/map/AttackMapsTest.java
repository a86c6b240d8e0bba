package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point with the real in-process all-MiniLM-L6-v2 model. */
@Tag("model")
class AttackMapsTest {
    @TempDir
    Path cache;

    @Test
    void mapsWithTheRealEmbedderThenFromItsCache() {
        List<String> events = new ArrayList<>();
        ProgressListener progress = (done, total) -> events.add(done + "/" + total);

        AttackMap first = AttackMaps.forRecords(MapFixtures.twoTopics(), cache, AttackMaps.DEFAULT_SEED, progress);
        AttackMap second = AttackMaps.forRecords(MapFixtures.twoTopics(), cache, AttackMaps.DEFAULT_SEED, progress);

        assertThat(first.embedder()).isEqualTo("all-MiniLM-L6-v2-q");
        assertThat(first.embeddedTexts()).isEqualTo(60);
        assertThat(events).containsExactly("0/60", "60/60");
        assertThat(second.embeddedTexts()).isZero();
        assertThat(second.cachedTexts()).isEqualTo(60);
        assertThat(second.points()).isEqualTo(first.points());
        for (AttackMap.Cluster cluster : first.clusters()) {
            Set<String> topics = first.points().stream().filter(p -> p.cluster() == cluster.id())
                    .map(p -> p.id().substring(0, 4)).collect(Collectors.toSet());
            assertThat(topics).as("topics of cluster %s", cluster).hasSize(1);
            assertThat(cluster.terms()).containsAnyOf(topics.contains("lock") ? new String[] {"lock", "pick"}
                    : new String[] {"recipe", "cook", "cooking", "dinner"});
        }
    }
}
