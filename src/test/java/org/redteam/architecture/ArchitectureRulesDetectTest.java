package org.redteam.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@link ArchitectureTest} find what they are for, on small made-up source trees. */
class ArchitectureRulesDetectTest {

    @Test
    void findsACycleAndOnlyTheCycle() {
        Map<String, Set<String>> edges = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(PackageGraph.cycles(edges)).containsExactly(Set.of("a", "b", "c"));
        assertThat(PackageGraph.cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
    }

    @Test
    void findsAnEdgeThatGoesUpTheLayersAndAnUnknownPackage() {
        assertThat(ArchitectureTest.upward(Map.of("attempt", Set.of("review", "campaign"), "elsewhere", Set.of("problem"))))
                .containsExactlyInAnyOrder("attempt -> review goes up", "elsewhere is not in the layers of docs/design.md");
    }

    @Test
    void readsEdgesFromImportsAndQualifiedNamesButNotFromCommentsOrStrings(@TempDir Path dir) throws Exception {
        write(dir, "web/Page.java", "package org.redteam.web;\nimport org.redteam.review.ReviewService;\n"
                + "// org.redteam.cli.Main is mentioned here only\nclass Page { String s = \"org.redteam.storage.Database\"; }\n");
        write(dir, "review/ReviewService.java", "package org.redteam.review;\nclass ReviewService { org.redteam.web.Page p; }\n");

        List<ArchitectureTest.SourceFile> files = ArchitectureTest.read(dir);

        assertThat(ArchitectureTest.edges(files)).isEqualTo(Map.of("web", Set.of("review"), "review", Set.of("web")));
        assertThat(PackageGraph.cycles(ArchitectureTest.edges(files))).containsExactly(Set.of("review", "web"));
    }

    private static void write(Path root, String relative, String text) throws Exception {
        Path file = root.resolve("org/redteam").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
