package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final ProgressListener listener = new ProgressListener() {
        @Override
        public void embedded(int done, int total) {
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    };

    @Test
    void secondBuildReadsEveryVectorFromTheCache() throws IOException {
        MapFixtures.CountingSource counting = new MapFixtures.CountingSource("hashing-256");
        AttackMapBuilder builder = new AttackMapBuilder(counting.source);

        AttackMap first = builder.build(MapFixtures.twoTopics(), dir, 7, listener);
        AttackMap second = builder.build(MapFixtures.twoTopics(), dir, 7, listener);

        assertThat(first.embeddedTexts()).isEqualTo(60);
        assertThat(first.cachedTexts()).isZero();
        assertThat(second.embeddedTexts()).isZero();
        assertThat(second.cachedTexts()).isEqualTo(60);
        assertThat(counting.loads).hasValue(1);
        assertThat(counting.texts).hasValue(60);
        assertThat(second.points()).isEqualTo(first.points());
        assertThat(warnings).isEmpty();
        assertThat(names(dir))
                .containsExactly("embeddings-hashing-256-256.bin");
    }

    @Test
    void embedsEachDistinctTextOnce() {
        MapFixtures.CountingSource counting = new MapFixtures.CountingSource("hashing-256");
        List<MapInput> inputs = new ArrayList<>(MapFixtures.twoTopics());
        inputs.addAll(MapFixtures.twoTopics().stream()
                .map(i -> new MapInput(i.id() + "-again", i.text(), i.modelType(), i.numParams(), i.minHarmlessness())).toList());

        AttackMap map = new AttackMapBuilder(counting.source).build(inputs, dir, 7, listener);

        assertThat(map.points()).hasSize(120);
        assertThat(map.embeddedTexts()).isEqualTo(60);
        assertThat(counting.texts).hasValue(60);
    }

    @Test
    void oneCacheServesSeveralDataSets() {
        MapFixtures.CountingSource counting = new MapFixtures.CountingSource("hashing-256");
        AttackMapBuilder builder = new AttackMapBuilder(counting.source);
        List<MapInput> locks = MapFixtures.twoTopics().stream().filter(i -> i.id().startsWith("lock")).toList();
        List<MapInput> cooking = MapFixtures.twoTopics().stream().filter(i -> i.id().startsWith("cook")).toList();

        builder.build(locks, dir, 7, listener);
        builder.build(cooking, dir, 7, listener);
        AttackMap both = builder.build(MapFixtures.twoTopics(), dir, 7, listener);

        assertThat(both.embeddedTexts()).isZero();
        assertThat(both.cachedTexts()).isEqualTo(60);
        assertThat(counting.texts).hasValue(60);
    }

    @Test
    void survivesATruncatedCacheFileAndRepairsIt() throws IOException {
        MapFixtures.CountingSource counting = new MapFixtures.CountingSource("hashing-256");
        AttackMapBuilder builder = new AttackMapBuilder(counting.source);
        AttackMap first = builder.build(MapFixtures.twoTopics(), dir, 7, listener);
        Path file = dir.resolve(EmbeddingCache.fileName("hashing-256", 256));
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 100);
        }

        AttackMap second = builder.build(MapFixtures.twoTopics(), dir, 7, listener);

        assertThat(warnings).singleElement().asString().contains("damaged after 59 vectors").contains(file.toString());
        assertThat(second.embeddedTexts()).isEqualTo(1);
        assertThat(second.cachedTexts()).isEqualTo(59);
        assertThat(second.points()).isEqualTo(first.points());
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(builder.build(MapFixtures.twoTopics(), dir, 7, listener).embeddedTexts()).isZero();
        assertThat(warnings).hasSize(1);
    }

    @Test
    void dropsRecordsFromACorruptedOneOn() throws IOException {
        AttackMapBuilder builder = new AttackMapBuilder(new MapFixtures.CountingSource("hashing-256").source);
        builder.build(MapFixtures.twoTopics(), dir, 7, listener);
        Path file = dir.resolve(EmbeddingCache.fileName("hashing-256", 256));
        int record = 32 + 256 * 4 + 4;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(EmbeddingCache.HEADER + 10L * record + 40);
            raf.write(raf.read() ^ 0x55);
        }

        AttackMap second = builder.build(MapFixtures.twoTopics(), dir, 7, listener);

        assertThat(warnings).singleElement().asString().contains("damaged after 10 vectors");
        assertThat(second.cachedTexts()).isEqualTo(10);
        assertThat(second.embeddedTexts()).isEqualTo(50);
    }

    @Test
    void replacesAFileThatIsNotACache() throws IOException {
        Path file = dir.resolve(EmbeddingCache.fileName("hashing-256", 256));
        Files.writeString(file, "not a cache at all");

        AttackMap map = new AttackMapBuilder(new MapFixtures.CountingSource("hashing-256").source)
                .build(MapFixtures.twoTopics(), dir, 7, listener);

        assertThat(warnings).singleElement().asString().contains("does not start with the header");
        assertThat(map.embeddedTexts()).isEqualTo(60);
        assertThat(Files.size(file)).isEqualTo(EmbeddingCache.HEADER + 60L * (32 + 256 * 4 + 4));
    }

    @Test
    void keysDependOnTheEmbedderAndTheText() {
        assertThat(EmbeddingCache.key("model-a", "pick a lock")).isEqualTo(EmbeddingCache.key("model-a", "pick a lock"))
                .isNotEqualTo(EmbeddingCache.key("model-a", "pick a lock "))
                .isNotEqualTo(EmbeddingCache.key("model-b", "pick a lock"))
                .isNotEqualTo(EmbeddingCache.key("model-", "apick a lock"));
    }

    @Test
    void buildsWithoutACacheFolder() {
        MapFixtures.CountingSource counting = new MapFixtures.CountingSource("hashing-256");

        AttackMap map = new AttackMapBuilder(counting.source).build(MapFixtures.twoTopics(), null, 7, listener);

        assertThat(map.embeddedTexts()).isEqualTo(60);
        assertThat(warnings).isEmpty();
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
