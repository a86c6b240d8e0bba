package org.redteam.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redteam.analysis.AttackFixtures.row;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AttackAnalysis;
import org.redteam.analysis.AttackFixtures;
import org.redteam.agreement.Bootstrap;

/** The figures as data: what each draws, in pixels, before any template sees it. */
class FiguresTest {

    @Test
    void pixelsAreRoundedToOneDecimalAndPrintThatWay() {
        assertThat(Stream.of(12.34, -0.05, -0.04, 0.0, 1e3, -2.25, Double.NaN).map(v -> String.valueOf(Svg.px(v))))
                .containsExactly("12.3", "-0.1", "0.0", "0.0", "1000.0", "-2.3", "0.0");
        assertThat(new Svg.Rect(1.26, 2, -5, 3.04, "t")).isEqualTo(new Svg.Rect(1.3, 2, 0, 3, "t"));
    }

    @Test
    void figureOnePlotsNumericSizesOnALogAxisAndSaysWhenThereAreNone() {
        AnalysisResult sized = AttackAnalysis.run(AttackFixtures.attacks(row(1, "rlhf", "2.7B", 4, -1.0),
                row(2, "rlhf", "52B", 0, 1.0), row(3, "plain lm", "52B", 3, 0.0)), new AttackAnalysis.Settings(20, 1));
        AnalysisResult unsized = AttackAnalysis.run(AttackFixtures.attacks(row(1, "rlhf", "big", 4, -1.0)),
                new AttackAnalysis.Settings(20, 1));

        LineChart chart = LineChart.of(sized.byTarget(), LineChart.Metric.SUCCESS);

        Axis x = new Axis(2.7e9 / 1.5, 52e9 * 1.5, 62, 444, true);
        assertThat(chart.frame().note()).isEmpty();
        assertThat(chart.xTicks()).extracting(t -> t.label().text()).containsExactlyInAnyOrder("2.7B", "52B");
        assertThat(chart.xTicks()).extracting(Svg.Tick::line).contains(new Svg.Line(x.at(2.7e9), 250, x.at(2.7e9), 255));
        assertThat(chart.legend()).extracting(l -> l.name().text()).containsExactlyInAnyOrder("rlhf", "plain lm");
        assertThat(chart.series()).extracting(LineChart.Series::colour).containsExactly("#1b6ca8", "#d1495b");
        assertThat(chart.series()).extracting(s -> s.line().size()).containsExactlyInAnyOrder(2, 1);
        assertThat(chart.yTicks()).extracting(t -> t.label().text()).startsWith("0%").allMatch(l -> l.endsWith("%"));
        assertThat(LineChart.of(unsized.byTarget(), LineChart.Metric.HARMLESSNESS).frame().note()).map(Svg.Text::text)
                .contains("no targets with a numeric size to plot");
        assertThat(TagBars.of(List.of(), 25).frame().note()).map(Svg.Text::text).contains("no tagged attempts");
    }

    @Test
    void anIntervalIsDrawnBetweenItsBoundsWithCapsAndNotAtAllWithoutThem() {
        Axis y = new Axis(0, 1, 250, 34, false);

        // y.at(0.25) = 250 + 0.25 × (34 − 250) = 196; y.at(0.75) = 88
        assertThat(Figures.interval(100.04, y, new Bootstrap.Interval(0.5, 0.25, 0.75, 100, 100)))
                .contains(new Svg.Interval(100.0, 196, 88, 97.0, 103.0));
        assertThat(Figures.interval(100, y, new Bootstrap.Interval(0.5, Double.NaN, Double.NaN, 0, 0)))
                .isEqualTo(Optional.empty());
    }

    @Test
    void tagBarsShowTheMostFrequentCutToFitWithTheWholeTagAsTooltip() {
        String longTag = "Soliciting personally identifiable information (PII) at great length";
        TagBars bars = TagBars.of(List.of(new AnalysisResult.TagCount(longTag, 10), new AnalysisResult.TagCount("Theft", 5),
                new AnalysisResult.TagCount("Fraud", 1)), 2);

        assertThat(bars.frame().title().text()).isEqualTo("Attempts per tag (the 2 most frequent)");
        assertThat(bars.rows()).extracting(r -> r.tag().text()).containsExactly(longTag.substring(0, 43) + "…", "Theft");
        assertThat(bars.rows().get(0).bar().tooltip()).isEqualTo(longTag + ": 10 attempts");
        // x from 300 to 664 over 0 to 10 × 1.12: 10 attempts end at 300 + 364 / 1.12 = 625
        assertThat(bars.rows().get(0).bar().width()).isEqualTo(325.0);
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
