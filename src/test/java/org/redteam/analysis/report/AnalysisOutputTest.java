package org.redteam.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.analysis.AttackFixtures.row;
import static org.redteam.analysis.AttackFixtures.tagged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.Content;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackFixtures;
import org.redteam.analysis.EffortToBreak;
import org.redteam.dataset.Csv;
import org.redteam.judge.Outcome;

class AnalysisOutputTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static AnalysisResult result() {
        return AttackAnalysis.run(AttackFixtures.attacks(row(1, 0, -1.0), row(2, 4, -2.0), row(2, 3, 1.0),
                tagged(3, "Fraud, \"scams\" & deception")), new AttackAnalysis.Settings(50, 1));
    }

    @Test
    void writesTheSummaryEveryTableAndTheReport() throws Exception {
        AnalysisOutput.Written written = AnalysisOutput.write(result(), AnalysisSource.file("f.jsonl", "ab", 3, 4), dir,
                Optional.empty());

        assertThat(dir.resolve("tables")).isDirectoryContaining("glob:**/by_target.csv")
                .isDirectoryContaining("glob:**/rating_histogram.csv").isDirectoryContaining("glob:**/lorenz.csv")
                .isDirectoryContaining("glob:**/tags.csv").isDirectoryContaining("glob:**/templates.csv")
                .isDirectoryContaining("glob:**/overall.csv").isDirectoryContaining("glob:**/rating_vs_min_harmlessness.csv");
        assertThat(written.tables()).hasSize(7);
        JsonNode summary = JSON.readTree(written.summary().toFile());
        assertThat(summary.path("tables")).hasSize(7);
        assertThat(summary.path("rating_histogram").toString()).isEqualTo("{\"0\":2,\"1\":0,\"2\":0,\"3\":1,\"4\":1}");
        assertThat(summary.path("source").toString())
                .isEqualTo("{\"kind\":\"file\",\"file\":\"f.jsonl\",\"sha256\":\"ab\",\"bytes\":3,\"records\":4}");
        assertThat(Files.readAllLines(dir.resolve("tables/tags.csv")))
                .containsExactly("tag,attempts,share_of_tagged_attempts", "\"Fraud, \"\"scams\"\" & deception\",1,1.0");
        assertThat(Files.readString(dir.resolve("tables/rating_histogram.csv")))
                .isEqualTo("rating,attempts,share\r\n0,2,0.5\r\n1,0,0.0\r\n2,0,0.0\r\n3,1,0.25\r\n4,1,0.25\r\n");
        assertThat(Files.readString(written.report())).contains("id=\"no-attack-map\"").doesNotContain("http:", "https:");
    }

    @Test
    void anAttackMapSectionGoesIntoTheReportAndTheSummary() throws Exception {
        ReportSection map = new ReportSection() {
            @Override
            public String id() {
                return "attack_map";
            }

            @Override
            public String title() {
                return "Map of <attacks>";
            }

            @Override
            public Content html() {
                return output -> output.writeContent("<svg class=\"map\"><circle r=\"2\"/></svg>");
            }

            @Override
            public Object summary() {
                return Map.of("clusters", List.of(Map.of("name", "locks", "attempts", 3)));
            }
        };

        AnalysisOutput.Written written = AnalysisOutput.write(result(), AnalysisSource.store("store x", 4), dir, Optional.of(map));

        String html = Files.readString(written.report());
        assertThat(html).contains("<section id=\"attack_map\">", "<h3>Map of &lt;attacks&gt;</h3>", "<svg class=\"map\">")
                .doesNotContain("no-attack-map");
        JsonNode summary = JSON.readTree(written.summary().toFile());
        assertThat(summary.path("attack_map").path("clusters").get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(summary.path("source").path("kind").asText()).isEqualTo("store");
    }

    @Test
    void effortToBreakIsAnOptionalSummaryKeyAndItsAbsenceChangesNoByte() throws Exception {
        EffortToBreak effort = EffortToBreak.of("judge-1", Map.of("a", List.of(Outcome.NOT_HARMFUL, Outcome.HARMFUL),
                "b", List.of(Outcome.NOT_HARMFUL)), k -> "plain lm 52B");
        AnalysisSource source = AnalysisSource.file("f.jsonl", "ab", 3, 4);
        Path plain = dir.resolve("plain");
        Path withEffort = dir.resolve("effort");

        AnalysisOutput.write(result(), source, plain, Optional.empty());
        AnalysisOutput.write(result(), source, withEffort, Optional.empty(), Csv.TextCells.NEUTRALISED, Optional.of(effort));

        String before = Files.readString(plain.resolve("summary.json"));
        assertThat(before).doesNotContain("effort_to_break");
        JsonNode summary = JSON.readTree(withEffort.resolve("summary.json").toFile());
        JsonNode e = summary.path("effort_to_break");
        assertThat(e.path("judge").asText()).isEqualTo("judge-1");
        assertThat(e.path("overall").path("attempts").asInt()).isEqualTo(2);
        assertThat(e.path("overall").path("median_turns_to_break").asInt()).isEqualTo(2);
        assertThat(e.path("overall").path("steps").get(0).toString())
                .isEqualTo("{\"turn\":1,\"at_risk\":2,\"broke\":0,\"censored\":1,\"survival\":1.0,\"survival_ci95\":[1.0,1.0]}");
        assertThat(e.path("overall").path("steps").get(1).path("survival_ci95").get(0).isNull()).isTrue();
        assertThat(e.path("by_target").get(0).path("target").asText()).isEqualTo("plain lm 52B");
        assertThat(Files.readString(plain.resolve("report.html"))).doesNotContain("effort-to-break");
        assertThat(Files.readString(withEffort.resolve("report.html"))).contains("id=\"table-effort\"",
                "<td class=\"text\">all targets</td><td>2</td><td>1</td><td>2</td>", "turn 2: 0");
        ((com.fasterxml.jackson.databind.node.ObjectNode) summary).remove("effort_to_break");
        assertThat(summary).isEqualTo(JSON.readTree(before));
    }
}
