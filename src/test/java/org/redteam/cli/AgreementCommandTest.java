package org.redteam.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redteam agreement} through picocli, on CSV files written by the test. */
class AgreementCommandTest {
    static final double NA = Double.NaN;

    /** Wikipedia "Krippendorff's alpha": rows = coders A, B, C; columns = 15 units; published α nominal 0.691, interval 0.811. */
    static final double[][] WIKIPEDIA = {
        {NA, NA, NA, NA, NA, 3, 4, 1, 2, 1, 1, 3, 3, NA, 3},
        {1, NA, 2, 1, 3, 3, 4, 3, NA, NA, NA, NA, NA, NA, NA},
        {NA, NA, 2, 1, 3, 4, 4, NA, 2, 1, 1, 3, 3, NA, 4},
    };

    @TempDir
    Path dir;

    Path csv(String name, List<String> rows) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("unit,rater,value");
        lines.addAll(rows);
        return Files.write(dir.resolve(name), lines);
    }

    Path wikipedia() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int unit = 0; unit < 15; unit++) {
            for (int coder = 0; coder < 3; coder++) {
                double v = WIKIPEDIA[coder][unit];
                rows.add("u" + (unit + 1) + "," + "ABC".charAt(coder) + "," + (Double.isNaN(v) ? "" : String.valueOf((int) v)));
            }
        }
        return csv("wikipedia.csv", rows);
    }

    static String last(CliTest.Run run) {
        return run.lines().get(run.lines().size() - 1);
    }

    @Test
    void krippendorffPrintsCountsIntervalAndAlphaLast() throws Exception {
        CliTest.Run run = CliTest.run("agreement", "--input", wikipedia().toString(), "--measure", "krippendorff", "--level", "interval");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("measure: krippendorff alpha, interval level",
                "units: 15 (12 used), raters: 3, ratings: 27 (26 used)",
                "95% interval: [", "2000 resamples");
        assertThat(last(run)).isEqualTo("alpha: 0.811");
        CliTest.Run nominal = CliTest.run("agreement", "--input", wikipedia().toString(), "--measure", "krippendorff");
        assertThat(last(nominal)).isEqualTo("alpha: 0.691");
    }

    @Test
    void sameSeedSameOutput() throws Exception {
        String file = wikipedia().toString();
        CliTest.Run a = CliTest.run("agreement", "--input", file, "--measure", "krippendorff", "--seed", "7", "--resamples", "300");
        CliTest.Run b = CliTest.run("agreement", "--input", file, "--measure", "krippendorff", "--seed", "7", "--resamples", "300");
        assertThat(a.out()).isEqualTo(b.out()).contains("300 resamples");
    }

    @Test
    void fleissAndCohenEndWithKappa() throws Exception {
        // Units [1,1,2], [2,2,2], [1,1,1] by a, b, c: the hand-worked table of FleissKappaTest reordered → κ = 0.55.
        Path three = csv("three.csv", List.of("t1,a,1", "t1,b,1", "t1,c,2", "t2,a,2", "t2,b,2", "t2,c,2", "t3,a,1", "t3,b,1", "t3,c,1"));
        CliTest.Run fleiss = CliTest.run("agreement", "--input", three.toString(), "--measure", "fleiss");
        assertThat(fleiss.exit()).as(fleiss.err()).isZero();
        assertThat(fleiss.out()).contains("free-marginal kappa (Randolph): 0.556", "category 1: share 0.556, kappa 0.550");
        assertThat(last(fleiss)).isEqualTo("kappa: 0.550");

        // Cohen on a, b only: 3 units, all agreeing → κ = 1; quadratic weights → 1 as well.
        Path two = csv("two.csv", List.of("t1,a,0", "t1,b,0", "t2,a,4", "t2,b,4", "t3,a,2", "t3,b,2", "t4,a,3", "t4,b,"));
        CliTest.Run cohen = CliTest.run("agreement", "--input", two.toString(), "--measure", "cohen", "--weights", "quadratic");
        assertThat(cohen.exit()).as(cohen.err()).isZero();
        assertThat(cohen.out()).contains("cohen kappa, quadratic weights", "units: 4 (3 used), raters: 2, ratings: 7 (6 used)");
        assertThat(last(cohen)).isEqualTo("kappa: 1.000");
        CliTest.Run binarized = CliTest.run("agreement", "--input", two.toString(), "--measure", "cohen", "--binarize-at", "3");
        assertThat(binarized.out()).contains("binarized at value >= 3");
        assertThat(last(binarized)).isEqualTo("kappa: 1.000");
    }

    @Test
    void undefinedValueIsNaNWithTheReason() throws Exception {
        Path same = csv("same.csv", List.of("t1,a,0", "t1,b,0", "t2,a,0", "t2,b,0"));
        CliTest.Run run = CliTest.run("agreement", "--input", same.toString(), "--measure", "krippendorff");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("alpha is undefined: every pairable rating has the same value", "0 defined");
        assertThat(last(run)).isEqualTo("alpha: NaN");
    }

    @Test
    void badInputExitsWith3NamingTheLine() throws Exception {
        Path header = Files.writeString(dir.resolve("header.csv"), "item,rater,value\nt1,a,1\n");
        CliTest.Run badHeader = CliTest.run("agreement", "--input", header.toString(), "--measure", "fleiss");
        assertThat(badHeader.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(badHeader.err()).contains("header.csv:1: the header must be unit,rater,value");

        Path text = csv("text.csv", List.of("t1,a,1", "t1,b,bad"));
        CliTest.Run notANumber = CliTest.run("agreement", "--input", text.toString(), "--measure", "fleiss");
        assertThat(notANumber.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(notANumber.err()).contains("text.csv:3: value 'bad' is not a number");

        Path twice = csv("twice.csv", List.of("t1,a,1", "t1,b,2", "t1,a,2"));
        CliTest.Run duplicate = CliTest.run("agreement", "--input", twice.toString(), "--measure", "krippendorff");
        assertThat(duplicate.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(duplicate.err()).contains("twice.csv:4: unit 't1' is rated twice by rater 'a' (first on line 2)");
    }

    @Test
    void badCombinationsExplainThemselves() throws Exception {
        String file = wikipedia().toString();
        CliTest.Run cohen = CliTest.run("agreement", "--input", file, "--measure", "cohen");
        assertThat(cohen.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(cohen.err()).contains("exactly two raters; the ratings have 3: A, B, C");

        CliTest.Run fleiss = CliTest.run("agreement", "--input", file, "--measure", "fleiss");
        assertThat(fleiss.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(fleiss.err()).contains("same number of ratings for every unit: unit 'u3' has 2, unit 'u1' has 1");

        CliTest.Run level = CliTest.run("agreement", "--input", file, "--measure", "fleiss", "--level", "interval");
        assertThat(level.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(level.err()).contains("--level interval applies to krippendorff only");

        CliTest.Run unknown = CliTest.run("agreement", "--input", file, "--measure", "scott");
        assertThat(unknown.exit()).isEqualTo(Main.EXIT_BAD_INPUT);

        CliTest.Run missing = CliTest.run("agreement", "--input", dir.resolve("absent.csv").toString(), "--measure", "fleiss");
        assertThat(missing.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains("cannot read", "absent.csv");

        assertThat(CliTest.run("agreement", "--measure", "fleiss").exit()).isEqualTo(2);
    }
}
