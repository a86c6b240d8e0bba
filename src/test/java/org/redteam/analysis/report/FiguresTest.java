package org.redteam.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.analysis.AttackFixtures.row;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackFixtures;

class FiguresTest {

    @Test
    void numbersHaveOneDecimalAndTextIsEscaped() {
        assertThat(List.of(Svg.n(12.34), Svg.n(-0.05), Svg.n(-0.04), Svg.n(0), Svg.n(1e3), Svg.n(-2.25)))
                .containsExactly("12.3", "-0.1", "0.0", "0.0", "1000.0", "-2.3");
        assertThat(Svg.escape("<a href='x'>\"&\"</a>\u0007")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt; ");
    }

    @Test
    void figureOnePlotsNumericSizesOnALogAxisAndSaysWhenThereAreNone() {
        AnalysisResult sized = AttackAnalysis.run(AttackFixtures.attacks(row(1, "rlhf", "2.7B", 4, -1.0),
                row(2, "rlhf", "52B", 0, 1.0), row(3, "plain lm", "52B", 3, 0.0)), new AttackAnalysis.Settings(20, 1));
        AnalysisResult unsized = AttackAnalysis.run(AttackFixtures.attacks(row(1, "rlhf", "big", 4, -1.0)),
                new AttackAnalysis.Settings(20, 1));

        String svg = Figures.scaling(sized.byTarget(), Figures.Metric.SUCCESS);

        assertThat(svg).startsWith("<svg class=\"figure\"").endsWith("</svg>").contains(">2.7B</text>", ">52B</text>")
                .contains(">plain lm</text>", ">rlhf</text>").contains("<polyline");
        Axis x = new Axis(2.7e9 / 1.5, 52e9 * 1.5, 62, 444, true);
        assertThat(svg).contains("<line x1=\"" + Svg.n(x.at(2.7e9)) + "\" y1=\"250.0\"", "stroke=\"#d1495b\"", "fill=\"#1b6ca8\"");
        assertThat(Figures.scaling(unsized.byTarget(), Figures.Metric.HARMLESSNESS)).contains("no targets with a numeric size to plot");
        assertThat(Figures.tags(List.of(), 25)).contains("no tagged attempts");
    }

    @Test
    void axesMapValuesAndPickRoundTicks() {
        Axis linear = new Axis(0, 1, 100, 200, false);
        Axis log = new Axis(1e9, 1e11, 0, 200, true);

        assertThat(linear.at(0.25)).isEqualTo(125.0);
        assertThat(linear.ticks(5)).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(log.at(1e10)).isEqualTo(100.0);
    }
}
