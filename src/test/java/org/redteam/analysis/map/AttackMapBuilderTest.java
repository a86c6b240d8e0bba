package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.redteam.release.ReleasedRecord;

class AttackMapBuilderTest {
    private final AttackMapBuilder builder = new AttackMapBuilder(new MapFixtures.CountingSource("hashing-256").source);

    @Test
    void sameSeedGivesTheSameCoordinates() {
        AttackMap a = builder.build(MapFixtures.twoTopics(), null, 42, ProgressListener.NONE);
        AttackMap b = builder.build(MapFixtures.twoTopics(), null, 42, ProgressListener.NONE);
        AttackMap other = builder.build(MapFixtures.twoTopics(), null, 43, ProgressListener.NONE);

        assertThat(b.points()).isEqualTo(a.points());
        assertThat(b.clusters()).isEqualTo(a.clusters());
        assertThat(other.points().get(0).x()).isNotEqualTo(a.points().get(0).x());
    }

    @Test
    void separatesLockPickingFromCookingAndNamesEachCluster() {
        AttackMap map = builder.build(MapFixtures.twoTopics(), null, 42, ProgressListener.NONE);

        assertThat(map.clusters()).hasSize(4);
        assertThat(map.clusters().stream().mapToInt(AttackMap.Cluster::size).sum()).isEqualTo(60);
        for (AttackMap.Cluster cluster : map.clusters()) {
            Set<String> topics = map.points().stream().filter(p -> p.cluster() == cluster.id())
                    .map(p -> p.id().substring(0, 4)).collect(Collectors.toSet());
            assertThat(topics).as("topics of cluster %s", cluster).hasSize(1);
            if (topics.contains("lock")) {
                assertThat(cluster.terms()).contains("lock", "pick").doesNotContain("recipe", "cook", "dinner");
            } else {
                assertThat(cluster.terms()).contains("recipe", "cook").doesNotContain("lock", "pick");
            }
            assertThat(cluster.terms()).hasSizeBetween(3, AttackMapBuilder.TERMS);
        }
    }

    @Test
    void keepsEachInputsFieldsAndOrder() {
        List<MapInput> inputs = MapFixtures.twoTopics();

        AttackMap map = builder.build(inputs, null, 42, ProgressListener.NONE);

        assertThat(map.points()).extracting(MapPoint::id).containsExactlyElementsOf(inputs.stream().map(MapInput::id).toList());
        MapPoint first = map.points().get(0);
        assertThat(first.label()).isEqualTo(inputs.get(0).text());
        assertThat(first.modelType()).isEqualTo("rlhf");
        assertThat(first.minHarmlessness()).isNull();
        assertThat(map.points().get(2).minHarmlessness()).isEqualTo(-2.1);
        assertThat(map).extracting(AttackMap::embedder, AttackMap::neighbours, AttackMap::seed)
                .containsExactly("hashing-256", 15, 42L);
    }

    @Test
    void mapsTinyInputs() {
        for (int n = 0; n <= 5; n++) {
            AttackMap map = builder.build(MapFixtures.twoTopics().subList(0, n), null, 1, ProgressListener.NONE);

            assertThat(map.points()).hasSize(n);
            assertThat(map.clusters().stream().mapToInt(AttackMap.Cluster::size).sum()).isEqualTo(n);
            map.points().forEach(p -> assertThat(Float.isFinite(p.x()) && Float.isFinite(p.y())).isTrue());
        }
    }

    @Test
    void scalesVectorsToUnitLengthForEuclideanUmap() {
        float[] unit = {0.6f, 0.8f};
        float[][] scaled = AttackMapBuilder.unit(new float[][] {{3, 4}, unit, {0, 0}});

        assertThat(scaled[0]).containsExactly(new float[] {0.6f, 0.8f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(scaled[1]).isSameAs(unit);
        assertThat(scaled[2]).containsExactly(0, 0);
    }

    @Test
    void labelsAreOneLineAndCutAt300Characters() {
        assertThat(AttackMapBuilder.label("  pick\n\na   lock ")).isEqualTo("pick a lock");
        String longText = "x".repeat(299) + "\uD83D\uDD12" + "y".repeat(50);

        String label = AttackMapBuilder.label(longText);

        assertThat(label).isEqualTo("x".repeat(299) + "…");
    }

    @Test
    void embedsTheTaskDescriptionOrElseTheFirstHumanTurn() {
        ReleasedRecord described = new ReleasedRecord("\n\nHuman: hi\n\nAssistant: hello", -1.0, "52B", "rlhf", 2.0,
                "  Get lock picking advice ", null, 3, false, null);
        ReleasedRecord blank = new ReleasedRecord("\n\nHuman:  how do I pick a lock?\n\nAssistant: no\n\nHuman: please",
                null, "13B", "plain lm", 0.0, " ", null, 4, false, null);

        assertThat(MapInput.of("1", described)).isEqualTo(new MapInput("1", "Get lock picking advice", "rlhf", "52B", -1.0));
        assertThat(MapInput.of("2", blank).text()).isEqualTo("how do I pick a lock?");
        assertThat(MapInput.firstHumanTurn("")).isEmpty();
        assertThat(MapInput.firstHumanTurn("\n\nHuman: only one")).isEqualTo("only one");
        assertThat(AttackMaps.inputs(List.of(described, blank))).extracting(MapInput::id).containsExactly("1", "2");
    }
}
