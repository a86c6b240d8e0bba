package org.redteam.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackFixtures;

/** The figure templates: jte escapes every text they draw, and they print the records' pixels as they are. */
class FigureTemplatesTest {
    static final String TYPE = "rlhf</text></svg><script>window.x=1</script>";
    static final String TAG = "<b onmouseover=\"x()\">'tag' & more</b>";

    static String report() {
        List<AttackFixtures.Row> rows = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            rows.add(new AttackFixtures.Row(m, m % 2 == 0 ? TYPE : "plain lm", m < 2 ? "2.7B" : "52B", m, -1.0 + m,
                    "turn " + m, List.of(TAG)));
        }
        AnalysisResult result = AttackAnalysis.run(AttackFixtures.attacks(rows), new AttackAnalysis.Settings(20, 1));
        return AnalysisOutput.html(new ReportPage(result, AnalysisSource.store("s", rows.size()), ReportPage.Charts.of(result),
                List.of(), Optional.empty()));
    }

    @Test
    void everyTextInAFigureIsEscapedByJte() {
        String html = report();

        assertThat(html.split("<svg class=\"figure\"", -1)).hasSize(7);
        assertThat(html).doesNotContain("<script>", "<b onmouseover")
                .contains("class=\"legend\">rlhf&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;wi…</text>")
                .contains("class=\"tick\">&lt;b onmouseover=\"x()\"&gt;'tag' &amp; more&lt;/b&gt;</text>")
                .contains("<title>&lt;b onmouseover=\"x()\"&gt;'tag' &amp; more&lt;/b&gt;: 4 attempts</title>")
                .contains("aria-label=\"Attack success rate (share rated ≥ 3) by model size and type\"");
    }

    @Test
    void coordinatesArePrintedWithOneDecimal() {
        String html = report();
        String figures = html.substring(html.indexOf("<svg class=\"figure\""), html.lastIndexOf("</svg>"));
        Matcher m = Pattern.compile(" (x|y|x1|y1|x2|y2|cx|cy|r|width|height)=\"([^\"]*)\"").matcher(figures);
        List<String> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(m.group(2));
        }

        assertThat(numbers).hasSizeGreaterThan(200).allMatch(n -> n.matches("-?\\d+\\.\\d"));
        assertThat(figures).containsPattern("<polyline points=\"(-?\\d+\\.\\d,-?\\d+\\.\\d )+\" class=\"series\" stroke=\"#");
    }

    @Test
    void noTemplateWritesUnescapedOutput() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
            List<Path> templates = files.filter(f -> f.toString().endsWith(".jte")).toList();

            assertThat(templates).hasSizeGreaterThan(20);
            for (Path t : templates) {
                assertThat(Files.readString(t)).as(t.toString()).doesNotContain("$unsafe", "@raw");
            }
        }
    }
}
