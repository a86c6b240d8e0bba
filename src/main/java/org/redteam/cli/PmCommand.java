package org.redteam.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.redteam.App;
import org.redteam.Store;
import org.redteam.problem.InvalidInputException;
import org.redteam.scoring.OnnxEmbedder;
import org.redteam.scoring.PairwiseTrainer;
import org.redteam.scoring.PmEvaluation;
import org.redteam.scoring.PmTraining;
import org.redteam.scoring.PreferenceModel;
import org.redteam.config.PreferenceModelSpec;
import org.redteam.scoring.PreferenceModels;
import org.redteam.conversation.Comparison;
import org.redteam.scoring.PreferencePairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam pm train|eval}: the harmlessness preference model. */
@Command(name = "pm", mixinStandardHelpOptions = true, description = "Train and evaluate the harmlessness preference model.",
        subcommands = {PmCommand.Train.class, PmCommand.Eval.class})
final class PmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a model from hh-rlhf pairs ({\"chosen\", \"rejected\"} JSONL, chosen = less harmful) "
                    + "and/or the platform's own picks; prints cross-validated accuracy.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--pairs", paramLabel = "FILE", description = "hh-rlhf JSONL, plain or .gz; repeatable.")
        List<Path> pairFiles = new ArrayList<>();

        @Option(names = "--from-db", description = "Also train on every red-team pick in the store.")
        boolean fromDb;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model (JSON).")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the cross-validation folds (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--embedder", defaultValue = "bge-small-en-v1.5-q",
                description = "bge-small-en-v1.5-q or all-MiniLM-L6-v2-q (default: ${DEFAULT-VALUE}).")
        String embedder;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (pairFiles.isEmpty() && !fromDb) {
                throw new InvalidInputException("give --pairs FILE and/or --from-db: there is nothing to train on");
            }
            OnnxEmbedder.Spec embedderSpec = embedderSpec(embedder);
            List<Comparison> pairs = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            PrintWriter out = spec.commandLine().getOut();
            for (Path file : pairFiles) {
                List<Comparison> read = PreferencePairs.read(file);
                pairs.addAll(read);
                sources.add(file.getFileName() + " (" + read.size() + " pairs)");
                out.printf("pairs from %s: %d%n", file, read.size());
            }
            if (fromDb) {
                try (Store app = App.openStore(store.existing(), Clock.systemUTC())) {
                    List<Comparison> picks = app.exports().comparisons();
                    pairs.addAll(picks);
                    sources.add("store (" + picks.size() + " picks)");
                    out.printf("pairs from the store's red-team picks: %d%n", picks.size());
                }
            }
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            PmTraining.Outcome outcome;
            try (OnnxEmbedder loaded = OnnxEmbedder.load(embedderSpec);
                 ProgressBar embed = ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName("embed")
                         .setInitialMax(pairs.size()).setUnit(" pairs", 1));
                 ProgressBar fit = ProgressBars.onStderr(err, new ProgressBarBuilder().setTaskName("fit")
                         .setInitialMax(0).setUnit(" fits", 1))) {
                outcome = new PmTraining(loaded, embedderSpec.name(), Clock.systemUTC()).train(pairs, sources, seed,
                        new PmTraining.Progress() {
                            @Override
                            public void embedded(int done, int total) {
                                embed.stepTo(done);
                            }

                            @Override
                            public void fitted(int done, int total) {
                                fit.maxHint(total);
                                fit.stepTo(done);
                            }
                        });
            }
            Path parent = out.toString().isEmpty() ? null : this.out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(this.out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(outcome.model()));
            PairwiseTrainer.Result r = outcome.result();
            StringBuilder byLambda = new StringBuilder();
            for (int i = 0; i < PairwiseTrainer.LAMBDAS.length; i++) {
                byLambda.append(i == 0 ? "" : ", ").append(PairwiseTrainer.LAMBDAS[i]).append(": ")
                        .append(String.format("%.3f", r.cvAccuracyByLambda()[i]));
            }
            out.printf("embedder: %s; features: %s; pairs: %d%n", embedderSpec.name(),
                    org.redteam.scoring.PmFeatures.DESIGN, outcome.pairs());
            out.printf("%d-fold cross-validated accuracy (mean of %d shuffles) by lambda: %s%n", PmTraining.FOLDS,
                    PmTraining.REPEATS, byLambda);
            out.printf("chosen lambda: %s; training accuracy: %.3f%n", r.lambda(), r.trainAccuracy());
            out.printf("trained in %.1f s; wrote %s (%d KB)%n", outcome.millis() / 1000.0, this.out, Files.size(this.out) / 1024);
            out.printf("cross-validated accuracy: %.3f%n", r.cvAccuracy());
            out.flush();
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Pairwise accuracy on hh-rlhf pairs: the share of pairs where chosen (less harmful) scores higher; "
                    + "last line: accuracy: 0.xxx")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "hh-rlhf JSONL, plain or .gz.")
        Path pairs;

        @Option(names = "--model", paramLabel = "MODEL", description = "A model file or an http(s) URL (default: the shipped model).")
        String model;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<Comparison> read = PreferencePairs.read(pairs);
            PreferenceModel loaded = PreferenceModels.load(model == null ? new PreferenceModelSpec.Default()
                    : PreferenceModelSpec.ofOption(model));
            PmEvaluation.Result result;
            long start = System.nanoTime();
            try (ProgressBar bar = ProgressBars.onStderr(spec.commandLine().getErr(), new ProgressBarBuilder()
                    .setTaskName("eval").setInitialMax(read.size()).setUnit(" pairs", 1))) {
                result = PmEvaluation.evaluate(loaded, read, bar::stepTo);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("model: %s%n", loaded.name());
            out.printf("pairs: %d from %s; correct: %d; ties: %d; mean margin (chosen − rejected): %.3f%n",
                    result.pairs(), pairs, result.correct(), result.ties(), result.meanMargin());
            out.printf("scored %d responses in %.1f s%n", 2 * result.pairs(), (System.nanoTime() - start) / 1e9);
            out.printf("accuracy: %.3f%n", result.accuracy());
            out.flush();
            return 0;
        }
    }

    static OnnxEmbedder.Spec embedderSpec(String name) {
        for (OnnxEmbedder.Spec s : List.of(OnnxEmbedder.BGE_SMALL_EN_V15_Q, OnnxEmbedder.MINILM_L6_Q)) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InvalidInputException("--embedder: unknown '" + name + "' (known: bge-small-en-v1.5-q, all-MiniLM-L6-v2-q)");
    }
}
