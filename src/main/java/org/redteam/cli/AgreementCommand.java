package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.redteam.analysis.Agreement;
import org.redteam.analysis.AgreementSpec;
import org.redteam.analysis.Bootstrap;
import org.redteam.analysis.CohenKappa;
import org.redteam.analysis.Coefficient;
import org.redteam.analysis.FleissKappa;
import org.redteam.analysis.KrippendorffAlpha;
import org.redteam.analysis.Level;
import org.redteam.analysis.Measure;
import org.redteam.analysis.Ratings;
import org.redteam.analysis.RatingsCsv;
import org.redteam.analysis.Weights;
import org.redteam.problem.InvalidInputException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam agreement}: inter-annotator agreement of a ratings table, with a bootstrap interval. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = {"Inter-annotator agreement (Fleiss' kappa, Krippendorff's alpha, Cohen's kappa) of ratings, with a "
                + "95%% percentile bootstrap interval over units. Last line: kappa: x.xxx or alpha: x.xxx (NaN when the "
                + "data cannot define it, with the reason above). See docs/agreement.md."})
final class AgreementCommand implements Callable<Integer> {

    /**
     * Where the ratings come from; exactly one. Today a CSV file; a campaign's stored reviews
     * ({@code --data DIR | --db URL}) join this group later and must yield the same {@link Ratings}.
     */
    static final class Source {
        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "CSV with the header unit,rater,value; an empty value is a missing rating.")
        Path input;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--measure", required = true, paramLabel = "fleiss|krippendorff|cohen", description = "The coefficient.")
    String measure;

    @Option(names = "--level", paramLabel = "nominal|ordinal|interval|ratio",
            description = "Level of measurement for krippendorff (default: nominal).")
    String level;

    @Option(names = "--weights", paramLabel = "none|linear|quadratic", description = "Agreement weights for cohen (default: none).")
    String weights;

    @Option(names = "--binarize-at", paramLabel = "X", description = "First map every value >= X to 1 and the rest to 0.")
    Double binarizeAt;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples; 0 for none (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AgreementSpec what = AgreementSpec.of(Measure.parse(measure), Optional.ofNullable(level).map(Level::parse),
                Optional.ofNullable(weights).map(Weights::parse),
                binarizeAt == null ? OptionalDouble.empty() : OptionalDouble.of(binarizeAt));
        if (resamples < 0) {
            throw new InvalidInputException("--resamples must be 0 or more, got " + resamples);
        }
        print(Agreement.of(ratings(), what, resamples, seed), spec.commandLine().getOut());
        return 0;
    }

    /** The one place that knows where ratings come from (see {@link Source}). */
    private Ratings ratings() {
        return RatingsCsv.read(source.input);
    }

    static void print(Agreement a, PrintWriter out) {
        Coefficient c = a.coefficient();
        String symbol = a.spec().measure().symbol();
        out.printf("measure: %s%n", a.spec().describe());
        out.printf("units: %d (%d used), raters: %d, ratings: %d (%d used)%n",
                a.units(), c.unitsUsed(), a.raters(), a.ratings(), c.ratingsUsed());
        if (c instanceof FleissKappa.Result f) {
            out.printf("observed agreement: %s, chance agreement: %s, free-marginal kappa (Randolph): %s%n",
                    f3(f.observed()), f3(f.expected()), f3(f.freeMarginal()));
            for (FleissKappa.CategoryKappa k : f.categories()) {
                out.printf("category %s: share %s, kappa %s%n", category(k.category()), f3(k.proportion()), f3(k.kappa()));
            }
        } else if (c instanceof KrippendorffAlpha.Result k) {
            out.printf("observed disagreement: %s, expected disagreement: %s%n",
                    f3(k.observedDisagreement()), f3(k.expectedDisagreement()));
        } else if (c instanceof CohenKappa.Result k) {
            out.printf("observed agreement: %s, chance agreement: %s%s%n", f3(k.observed()), f3(k.expected()),
                    Double.isNaN(k.maximum()) ? "" : ", maximum kappa for these marginals: " + f3(k.maximum()));
        }
        Bootstrap.Interval i = a.interval();
        if (i.resamples() == 0) {
            out.println("95% interval: not computed (--resamples 0)");
        } else {
            out.printf("95%% interval: [%s, %s] (percentile bootstrap over units: %d resamples, %d defined)%n",
                    f3(i.lower()), f3(i.upper()), i.resamples(), i.used());
        }
        c.undefinedBecause().ifPresent(why -> out.printf("%s is undefined: %s%n", symbol, why));
        out.printf("%s: %s%n", symbol, f3(c.value()));
        out.flush();
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String category(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
