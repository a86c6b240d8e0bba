package org.redteam.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.analysis.AttackFixtures.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackFixtures;

/** Intervals from fewer than 5 red team members carry a warning next to them in the report. */
class SmallSampleWarningTest {
    static final String WARNING = "fewer than 5 members: intervals unreliable";

    /** Target "few" has attempts by members 1–4 (two each), "many" by members 1–6: 4 and 6 clusters. */
    static AnalysisResult result(int fewMembers) {
        List<AttackFixtures.Row> rows = new ArrayList<>();
        for (long m = 1; m <= fewMembers; m++) {
            rows.add(row(m, "few", "1B", m % 5, -1.0));
            rows.add(row(m, "few", "1B", 4, -2.0));
        }
        for (long m = 1; m <= 6; m++) {
            rows.add(row(m, "many", "1B", m % 5, -1.0));
        }
        return AttackAnalysis.run(AttackFixtures.attacks(rows), new AttackAnalysis.Settings(50, 7));
    }

    static String html(AnalysisResult r) {
        return AnalysisOutput.html(new ReportPage(r, AnalysisSource.file("f.jsonl", "ab", 3, r.attempts()),
                ReportPage.Charts.of(r), List.of(), Optional.empty()));
    }

    /** The by-target table row of this model type. */
    static String rowOf(String html, String modelType) {
        String table = html.substring(html.indexOf("id=\"table-by-target\""), html.indexOf("</table>", html.indexOf("id=\"table-by-target\"")));
        return Arrays.stream(table.split("<tr>")).filter(r -> r.startsWith("<td class=\"text\">" + modelType + "</td>"))
                .findFirst().orElseThrow();
    }

    @Test
    void countsTheMembersBehindEachTargetsIntervals() {
        AnalysisResult r = result(4);
        assertThat(AttackAnalysis.SMALL_SAMPLE_MEMBERS).isEqualTo(5);
        assertThat(r.byTarget()).extracting(t -> t.target().modelType(), AnalysisResult.TargetRow::members,
                AnalysisResult.TargetRow::fewMembers)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("few", 4, true), org.assertj.core.groups.Tuple.tuple("many", 6, false));
        assertThat(r.overall().members()).isEqualTo(6);
        assertThat(r.overall().fewMembers()).isFalse();
    }

    @Test
    void warnsNextToTheIntervalsOfATargetWithFewerThanFiveMembersOnly() {
        String html = html(result(4));
        assertThat(rowOf(html, "few")).contains(WARNING);
        assertThat(rowOf(html, "many")).doesNotContain(WARNING);
        assertThat(html).doesNotContain("small-sample-overall");
    }

    @Test
    void fiveMembersAreEnough() {
        assertThat(rowOf(html(result(5)), "few")).doesNotContain(WARNING);
    }

    @Test
    void warnsAboveTheKeyNumbersWhenTheWholeAnalysisHasFewerThanFiveMembers() {
        AnalysisResult r = AttackAnalysis.run(AttackFixtures.attacks(row(1, 4, -1.0), row(2, 0, -2.0), row(3, 1, -3.0)),
                new AttackAnalysis.Settings(50, 7));
        String html = html(r);
        assertThat(html).contains("id=\"small-sample-overall\"").contains("comes from 3 red team");
        assertThat(rowOf(html, "rlhf")).contains(WARNING);
    }
}
