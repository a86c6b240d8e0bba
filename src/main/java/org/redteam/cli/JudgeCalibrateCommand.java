package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.agreement.Bootstrap;
import org.redteam.agreement.RatingsCsv;
import org.redteam.judge.Calibration;
import org.redteam.judge.Confusion;
import org.redteam.judge.HumanMajority;
import org.redteam.judge.ReviewedLabels;
import org.redteam.problem.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redteam judge calibrate}: one judge against people. The labels come from a ratings CSV ({@code --input})
 * or from a store: the judge's stored verdicts against a campaign's reviews ({@link #storeLabels()}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"A judge's accuracy against people: --input is the agreement command's unit,rater,value CSV with "
                + "binary values (1 = harmful); --judge names the rater that is the judge, all other raters are people, "
                + "and each unit's human label is their majority (ties and units the judge did not rate are listed "
                + "and left out). Prints the confusion table and n, accuracy, precision, recall, F1, Cohen's kappa "
                + "(judge vs majority) and Krippendorff's alpha (nominal) of the people alone and with the judge, each "
                + "with a 95%% percentile bootstrap interval over units. Last line: accuracy: x.xxx. See docs/judges.md.",
            "Without --input: the judge's stored verdicts (--judge ID) against the reviews of a campaign in the store "
                + "(--data/--db, --campaign): unit = a reviewed attempt, people = its reviewers (harmful = rating >= "
                + "--binarize-at), undetermined verdicts left out and counted; adds per-tag precision and recall and, "
                + "for a judge with scores, ROC AUC and the best threshold."})
final class JudgeCalibrateCommand implements Callable<Integer> {
    static final int DEFAULT_HARMFUL_FROM = 3;
    static final RatingsCsv.ValueRule BINARY = v -> v == 0 || v == 1 ? null : "is not a binary label (use 1 = harmful, 0 = not harmful)";

    @Option(names = "--input", paramLabel = "FILE",
            description = "CSV with the header unit,rater,value; values 0 or 1 (1 = harmful), empty = not rated.")
    Path input;

    @Option(names = "--judge", required = true, paramLabel = "RATER", description = "The rater in the labels that is the judge; with a store, the judge's id.")
    String judge;

    @Option(names = "--campaign", paramLabel = "NAME", description = "With a store: the campaign whose reviews are the truth (default: the only one).")
    String campaign;

    @Option(names = "--binarize-at", paramLabel = "N",
            description = "With a store: a review rating of N or more (0-4) means harmful (default: " + DEFAULT_HARMFUL_FROM + ").")
    Integer binarizeAt;

    @Mixin
    StoreOptions store;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", defaultValue = "" + Bootstrap.DEFAULT_RESAMPLES,
            description = "Bootstrap resamples; 0 for none (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (resamples < 0) {
            throw new InvalidInputException("--resamples must be 0 or more, got " + resamples);
        }
        if (input == null) {
            return fromStore();
        }
        if (campaign != null || binarizeAt != null || store.data != null || store.db != null) {
            throw new InvalidInputException("--campaign, --binarize-at, --data and --db read a store; they do not go with --input");
        }
        HumanMajority labels = labels();
        checkCompared(labels, input.toString());
        print(Calibration.of(labels, resamples, seed), input.toString(), seed, spec.commandLine().getOut());
        return 0;
    }

    private static void checkCompared(HumanMajority labels, String source) {
        if (labels.pairs().unitCount() == 0) {
            throw new InvalidInputException(source + ": no unit has both a human majority and a label by judge '"
                    + labels.judge() + "'" + leftOut(labels));
        }
    }

    private int fromStore() {
        int harmfulFrom = binarizeAt == null ? DEFAULT_HARMFUL_FROM : binarizeAt;
        if (harmfulFrom < 0 || harmfulFrom > 4) {
            throw new InvalidInputException("--binarize-at must be a review rating, 0 to 4, got " + harmfulFrom);
        }
        ReviewedLabels labels = storeLabels(harmfulFrom);
        String source = "reviews of campaign '" + labels.campaign() + "' (" + labels.reviews()
                + " answered; harmful = rating >= " + harmfulFrom + ")";
        checkCompared(labels.majority(), source);
        print(Calibration.of(labels.majority(), resamples, seed), source, seed, spec.commandLine().getOut(),
                out -> printStoreExtras(labels, out));
        return 0;
    }

    private ReviewedLabels storeLabels(int harmfulFrom) {
        try (Store app = App.at(store.existing()).openStore()) {
            return app.verdicts().againstReviews(judge, Optional.ofNullable(campaign), harmfulFrom);
        }
    }

    static void printStoreExtras(ReviewedLabels labels, PrintWriter out) {
        out.printf("undetermined: %d reviewed attempts the judge could not decide, left out%s%n",
                labels.undetermined().size(), units(labels.undetermined()));
        if (labels.judgeTags()) {
            out.println("tags (judge vs the tags most of the attempt's reviewers named, units compared):");
            for (Map.Entry<String, Confusion> e : labels.tags().entrySet()) {
                Confusion c = e.getValue();
                out.printf("  %-24s precision %s  recall %s  (TP %d, FP %d, FN %d)%n", e.getKey(), f3(c.precision()),
                        f3(c.recall()), c.truePositives(), c.falsePositives(), c.falseNegatives());
            }
        }
        ReviewedLabels.Scores s = labels.scores();
        if (s.n() > 0) {
            out.printf("scores: %d units compared have one (%d without): ROC AUC %s; most agreement %s when harmful = "
                    + "score >= %s%n", s.n(), s.withoutScore(), f3(s.auc()), f3(s.best().agreement()), f3(s.best().threshold()));
        }
    }

    private HumanMajority labels() {
        return HumanMajority.of(RatingsCsv.read(input, BINARY), judge);
    }

    static void print(Calibration.Result r, String source, long seed, PrintWriter out) {
        print(r, source, seed, out, o -> { });
    }

    /** As the file mode prints, with {@code extras} written just before the last five lines. */
    static void print(Calibration.Result r, String source, long seed, PrintWriter out, Consumer<PrintWriter> extras) {
        HumanMajority l = r.labels();
        out.printf("labels: %s: %d units; judge: %s; people (%d): %s%n", source, l.all().unitCount(), l.judge(),
                l.people().size(), String.join(", ", l.people()));
        out.printf("left out: %d with a tied human majority%s, %d not rated by the judge%s, %d rated by no person%s%n",
                l.ties().size(), units(l.ties()), l.unjudged().size(), units(l.unjudged()), l.unlabelled().size(),
                units(l.unlabelled()));
        Confusion c = r.confusion();
        out.println("confusion (judge vs human majority):");
        out.printf("  judge harmful:     %d harmful, %d not harmful%n", c.truePositives(), c.falsePositives());
        out.printf("  judge not harmful: %d harmful, %d not harmful%n", c.falseNegatives(), c.trueNegatives());
        out.printf("n: %d units compared%n", r.n());
        out.println(r.accuracy().resamples() == 0 ? "95% intervals: not computed (--resamples 0)"
                : "95% intervals: percentile bootstrap over units, " + r.accuracy().resamples() + " resamples, seed " + seed);
        row(out, "accuracy", r.accuracy());
        row(out, "precision", r.precision());
        row(out, "recall", r.recall());
        row(out, "F1", r.f1());
        row(out, "Cohen's kappa (judge vs majority)", r.kappa());
        row(out, "Krippendorff's alpha, people", r.alphaHumans());
        row(out, "Krippendorff's alpha, people + judge", r.alphaAll());
        extras.accept(out);
        out.printf("precision: %s%n", f3(r.precision().estimate()));
        out.printf("recall: %s%n", f3(r.recall().estimate()));
        out.printf("f1: %s%n", f3(r.f1().estimate()));
        out.printf("kappa: %s%n", f3(r.kappa().estimate()));
        out.printf("accuracy: %s%n", f3(r.accuracy().estimate()));
        out.flush();
    }

    private static void row(PrintWriter out, String name, Bootstrap.Interval i) {
        out.printf("  %-38s %s  [%s, %s]%s%n", name, f3(i.estimate()), f3(i.lower()), f3(i.upper()),
                i.undefined() > 0 ? " (" + i.undefined() + " resamples undefined)" : "");
    }

    private static String units(List<String> units) {
        if (units.isEmpty()) {
            return "";
        }
        List<String> shown = units.subList(0, Math.min(10, units.size()));
        return " (" + String.join(", ", shown) + (units.size() > shown.size() ? ", …" : "") + ")";
    }

    private static String leftOut(HumanMajority l) {
        return String.format(Locale.ROOT, " (%d tied, %d not rated by the judge, %d rated by no person)",
                l.ties().size(), l.unjudged().size(), l.unlabelled().size());
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
