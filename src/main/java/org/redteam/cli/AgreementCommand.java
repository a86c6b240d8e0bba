package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.agreement.Agreement;
import org.redteam.agreement.AgreementSpec;
import org.redteam.agreement.Bootstrap;
import org.redteam.agreement.CohenKappa;
import org.redteam.agreement.Coefficient;
import org.redteam.agreement.FleissKappa;
import org.redteam.agreement.KrippendorffAlpha;
import org.redteam.agreement.Level;
import org.redteam.agreement.Measure;
import org.redteam.agreement.ModalUnits;
import org.redteam.agreement.Ratings;
import org.redteam.agreement.RatingsCsv;
import org.redteam.agreement.Weights;
import org.redteam.problem.InvalidInputException;
import org.redteam.review.ReviewRatings;
import org.redteam.storage.StoreLocation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam agreement}: inter-annotator agreement of a ratings CSV or of stored reviews, with a bootstrap interval. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = {"Inter-annotator agreement (Fleiss' kappa, Krippendorff's alpha, Cohen's kappa) of a ratings CSV, or of "
                + "a campaign's answered reviews in a store (unit = attempt, rater = reviewer-<id>, value = rating), with a "
                + "95%% percentile bootstrap interval over units. Last line: kappa: x.xxx or alpha: x.xxx (NaN when the "
                + "data cannot define it, with the reason above). See docs/agreement.md."})
final class AgreementCommand implements Callable<Integer> {

    /**
     * Where the ratings come from; exactly one: a CSV file, or a store whose campaign's answered reviews make the
     * same {@link Ratings} (unit = attempt id, rater = reviewer-&lt;id&gt;, value = rating).
     */
    static final class Source {
        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "CSV with the header unit,rater,value; an empty value is a missing rating.")
        Path input;

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "The reviews of a campaign in the embedded SQLite store in DIR.")
        Path data;

        @Option(names = "--db", required = true, paramLabel = "JDBC_URL", description = "The reviews of a campaign in this store.")
        String db;

        boolean store() {
            return input == null;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--campaign", paramLabel = "NAME",
            description = "With --data/--db: the campaign whose reviews are rated (default: the store's only campaign).")
    String campaign;

    @Option(names = "--with-red-teamer",
            description = "With --data/--db: add each reviewed attempt's own rating as one more rater, '" + ReviewRatings.RED_TEAMER + "'.")
    boolean withRedTeamer;

    @Option(names = "--units", paramLabel = "all|modal",
            description = "all: every unit; modal: only units with the most common number of ratings (ties: the larger), "
                    + "printing how many were dropped, as fleiss needs equal numbers. Default: modal for fleiss with "
                    + "--data/--db, all otherwise.")
    String units;

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
        Measure parsedMeasure = Measure.parse(measure);
        AgreementSpec what = AgreementSpec.of(parsedMeasure, Optional.ofNullable(level).map(Level::parse),
                Optional.ofNullable(weights).map(Weights::parse),
                binarizeAt == null ? OptionalDouble.empty() : OptionalDouble.of(binarizeAt));
        if (resamples < 0) {
            throw new InvalidInputException("--resamples must be 0 or more, got " + resamples);
        }
        boolean modal = modalUnits(parsedMeasure);
        PrintWriter out = spec.commandLine().getOut();
        Ratings ratings = ratings(out);
        if (modal) {
            ModalUnits kept = ModalUnits.of(ratings);
            printKept(kept, out);
            ratings = kept.ratings();
        }
        print(Agreement.of(ratings, what, resamples, seed), out);
        return 0;
    }

    private boolean modalUnits(Measure measure) {
        if (units == null) {
            return measure == Measure.FLEISS && source.store();
        }
        return switch (units) {
            case "all" -> false;
            case "modal" -> true;
            default -> throw new InvalidInputException("--units: use all or modal, got '" + units + "'");
        };
    }

    /** The one place that knows where ratings come from (see {@link Source}). */
    private Ratings ratings(PrintWriter out) {
        if (!source.store()) {
            if (campaign != null || withRedTeamer) {
                throw new InvalidInputException((campaign != null ? "--campaign" : "--with-red-teamer")
                        + " applies to the reviews of a store (--data DIR or --db JDBC_URL), not to --input");
            }
            return RatingsCsv.read(source.input);
        }
        try (Store app = App.at(StoreLocation.of(source.data, source.db).existing()).openStore()) {
            ReviewRatings.Table table = app.reviewRatings().of(Optional.ofNullable(campaign), withRedTeamer);
            out.printf("ratings: %d answered reviews of %d attempts in campaign '%s'%s%n", table.reviews(),
                    table.ratings().unitCount(), table.campaign(),
                    withRedTeamer ? ", with the red teamers' own ratings as rater " + ReviewRatings.RED_TEAMER : "");
            return table.ratings();
        }
    }

    private static void printKept(ModalUnits kept, PrintWriter out) {
        String others = kept.unitsByCount().entrySet().stream().filter(e -> e.getKey() != kept.perUnit())
                .map(e -> e.getValue() + " with " + e.getKey() + (e.getKey() == 1 ? " rating" : " ratings"))
                .collect(Collectors.joining(", "));
        out.printf("units with the modal number of ratings (%d): %d kept, %d dropped%s%n", kept.perUnit(),
                kept.ratings().unitCount(), kept.dropped(), others.isEmpty() ? "" : " (" + others + ")");
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
