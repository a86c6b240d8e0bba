package org.redteam.analysis.report;

import static org.redteam.analysis.report.Figures.LEFT;
import static org.redteam.analysis.report.Figures.PALETTE;
import static org.redteam.analysis.report.Figures.TOP;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.redteam.analysis.Concentration;

/**
 * The Lorenz curve of attempts per member ({@code figure/lorenzCurve.jte}) on a square of shares, with the
 * diagonal of an even spread and the share of the {@code top} most active members marked.
 *
 * @param grid   one per round share: the lines through it on both axes and their labels
 * @param marker where the top members begin, with the sentence of {@code note} as its tooltip
 * @param yLabel drawn a quarter turn anticlockwise about its anchor
 */
public record LorenzCurve(Svg.Frame frame, List<Grid> grid, Svg.Line diagonal, List<Svg.Point> curve, Svg.Dot marker,
                          Svg.Text note, Svg.Text xLabel, Svg.Text yLabel) {
    private static final double SIZE = 300;
    public static final String CURVE = PALETTE[0];

    /** The grid at one share: a vertical and a horizontal line, labelled below and to the left. */
    public record Grid(Svg.Line vertical, Svg.Line horizontal, Svg.Text below, Svg.Text left) {
    }

    public LorenzCurve {
        grid = List.copyOf(grid);
        curve = List.copyOf(curve);
    }

    static LorenzCurve of(Concentration concentration, int top) {
        double width = SIZE + LEFT + 30;
        double height = SIZE + TOP + 50;
        double bottom = TOP + SIZE;
        Axis x = new Axis(0, 1, LEFT, LEFT + SIZE, false);
        Axis y = new Axis(0, 1, bottom, TOP, false);
        List<Grid> grid = x.ticks(5).stream().map(t -> new Grid(new Svg.Line(x.at(t), bottom, x.at(t), TOP),
                new Svg.Line(LEFT, y.at(t), LEFT + SIZE, y.at(t)), new Svg.Text(x.at(t), bottom + 16, Figures.percent(t)),
                new Svg.Text(LEFT - 6, y.at(t) + 4, Figures.percent(t)))).toList();
        List<Svg.Point> curve = concentration.lorenz().stream()
                .map(p -> new Svg.Point(x.at(p.memberShare()), y.at(p.attemptShare()))).toList();
        int m = concentration.members().size();
        int k = Math.min(top, m);
        double mx = m == 0 ? 0 : (m - k) / (double) m;
        double my = 1 - concentration.topShare(k);
        String label = String.format(Locale.ROOT, "top %d members: %.1f%% of attempts", k, 100 * concentration.topShare(k));
        return new LorenzCurve(Figures.frame(width, height, "Lorenz curve of attempts per red team member",
                "Lorenz curve of attempts per member", Optional.empty()), grid,
                new Svg.Line(x.at(0), y.at(0), x.at(1), y.at(1)), curve,
                new Svg.Dot(x.at(mx), y.at(my), 4.5, PALETTE[1], Optional.of(label)), new Svg.Text(LEFT + 8, TOP + 16, label),
                new Svg.Text(LEFT + SIZE / 2, bottom + 34, "members, fewest attempts first"),
                new Svg.Text(16, (TOP + bottom) / 2, "share of attempts"));
    }
}
