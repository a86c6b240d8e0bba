package org.redteam.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import java.util.Optional;
import org.redteam.judge.JudgeBenchmark;
import org.redteam.judge.TrainedJudge;
import org.redteam.problem.InvalidInputException;
import org.redteam.scoring.PmBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redteam bench pm}: speed measured by hand (docs/benchmarks.md), never by timed tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed (docs/benchmarks.md).",
        subcommands = {BenchCommand.Pm.class, BenchCommand.JudgeBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "pm", mixinStandardHelpOptions = true,
            description = "Time the shipped preference model on batches of synthetic candidates against the same ONNX "
                    + "model called directly through ONNX Runtime; last line: pm throughput: X texts/s = Y%% of the "
                    + "batched ONNX Runtime ceiling (Z texts/s)")
    static final class Pm implements Callable<Integer> {
        @Option(names = "--batches", defaultValue = "30", description = "Measured batches (default: ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--warmup", defaultValue = "5", description = "Warm-up batches, not measured (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--batch-size", defaultValue = "16", description = "Candidates per batch (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic texts (default: ${DEFAULT-VALUE}).")
        long seed;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (batches < 1 || warmup < 0 || batchSize < 1) {
                throw new InvalidInputException("--batches and --batch-size must be at least 1, --warmup at least 0");
            }
            PmBenchmark.Settings settings = new PmBenchmark.Settings(batches, warmup, batchSize, seed);
            PmBenchmark.Report r;
            try (ProgressBar bar = ProgressBars.onStderr(spec.commandLine().getErr(), new ProgressBarBuilder()
                    .setTaskName("bench").setInitialMax(warmup + batches).setUnit(" batches", 1))) {
                r = PmBenchmark.run(settings, bar::stepTo);
            }
            print(spec.commandLine().getOut(), r);
            return 0;
        }

        private static void print(PrintWriter out, PmBenchmark.Report r) {
            int texts = 2 * r.settings().batchSize();
            out.printf("model: %s, loaded once in %.0f ms; ceiling's tokenizer and sessions loaded in %.0f ms%n",
                    r.model(), r.modelLoadMillis(), r.ceilingLoadMillis());
            out.printf("%d batches after %d warm-up, %d candidates = %d texts each; %d cores; %.1f tokens/text, "
                    + "padded batch %d × %.1f on average%n", r.settings().batches(), r.settings().warmup(),
                    r.settings().batchSize(), texts, r.cores(), r.meanTokens(), texts, r.meanWidth());
            out.println("every row includes tokenization; times are per batch");
            out.printf("%-52s %10s %10s %10s %13s%n", "path", "median ms", "p90 ms", "texts/s", "utterances/s");
            for (PmBenchmark.Timing t : r.timings()) {
                out.printf("%-52s %10.1f %10.1f %10.0f %13.0f%n", t.label(), t.median(), t.p90(), t.textsPerSecond(),
                        t.textsPerSecond() / 2);
            }
            PmBenchmark.Timing e2e = r.endToEnd();
            PmBenchmark.Timing ceiling = r.batched();
            out.printf("batch of %d candidates: median %.1f ms end to end vs %.1f ms batched ceiling (%.2f×), "
                    + "%.1f ms sequential ceiling%n", r.settings().batchSize(), e2e.median(), ceiling.median(),
                    e2e.median() / ceiling.median(), r.sequential().median());
            out.printf("the pool's scaling: one text per run on one thread takes %.2f× as long as end to end on %d cores%n",
                    r.sequential().median() / e2e.median(), r.cores());
            out.printf("pm throughput: %.0f texts/s = %.0f%% of the batched ONNX Runtime ceiling (%.0f texts/s)%n",
                    e2e.textsPerSecond(), 100 * e2e.textsPerSecond() / ceiling.textsPerSecond(), ceiling.textsPerSecond());
            out.flush();
        }
    }

    @Command(name = "judge", mixinStandardHelpOptions = true,
            description = "Time the trained judge (shipped model by default) on synthetic transcripts judged one after another "
                    + "by --clients threads; last line: judge throughput: X transcripts/s")
    static final class JudgeBench implements Callable<Integer> {
        @Option(names = "--transcripts", defaultValue = "500", description = "Measured transcripts (default: ${DEFAULT-VALUE}).")
        int transcripts;

        @Option(names = "--warmup", defaultValue = "50", description = "Warm-up transcripts, not measured (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--clients", defaultValue = "2", description = "Threads asking for verdicts (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--model", paramLabel = "MODEL", description = "A trained judge's model file (default: the shipped one).")
        java.nio.file.Path model;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (transcripts < 1 || warmup < 0 || clients < 1) {
                throw new InvalidInputException("--transcripts and --clients must be at least 1, --warmup at least 0");
            }
            long load = System.nanoTime();
            try (TrainedJudge judge = TrainedJudge.load("bench", Optional.ofNullable(model))) {
                double loadMillis = (System.nanoTime() - load) / 1e6;
                JudgeBenchmark.Report r = JudgeBenchmark.run(judge, transcripts, warmup, clients, 42);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("judge: %s, loaded in %.0f ms; %d cores%n", judge.version(), loadMillis,
                        Runtime.getRuntime().availableProcessors());
                out.printf("%d transcripts after %d warm-up, %d clients: %.1f s; per transcript median %.1f ms, p90 %.1f ms%n",
                        r.transcripts(), warmup, r.clients(), r.seconds(), r.medianMillis(), r.p90Millis());
                out.printf("judge throughput: %.0f transcripts/s%n", r.perSecond());
                out.flush();
            }
            return 0;
        }
    }
}
