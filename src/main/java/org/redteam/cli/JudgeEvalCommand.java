package org.redteam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redteam.App;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.config.JudgeConfig;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Judge;
import org.redteam.judge.JudgeMetrics;
import org.redteam.judge.LabelFiles;
import org.redteam.judge.LabelledResponse;
import org.redteam.judge.Outcome;
import org.redteam.judge.TrainedJudge;
import org.redteam.judge.Verdict;
import org.redteam.problem.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam judge eval}: a judge against a labelled file (docs/judges.md). */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "A judge's accuracy, precision, recall, F1 and AUC against a labelled file (1 = harmful); "
                + "last line: accuracy: 0.xxx")
final class JudgeEvalCommand implements Callable<Integer> {
    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "CSV or JSONL: prompt,response,label.")
    Path labels;

    @Option(names = "--model", paramLabel = "MODEL", description = "A trained judge's model file (default: the shipped one).")
    Path model;

    @Option(names = "--judge", paramLabel = "ID", description = "A judge of the campaign file given with --config.")
    String judgeId;

    @Option(names = "--config", paramLabel = "FILE", description = "The campaign file that configures --judge.")
    Path config;

    @Spec
    CommandSpec spec;

    /** A judge's decisions on labelled rows; undetermined rows are counted and left out of the metrics. */
    record Measured(JudgeMetrics metrics, int undetermined) {
    }

    @Override
    public Integer call() {
        if ((judgeId == null) != (config == null)) {
            throw new InvalidInputException("give --judge ID together with --config campaign.yaml");
        }
        if (judgeId != null && model != null) {
            throw new InvalidInputException("give either --model or --judge with --config, not both");
        }
        List<LabelledResponse> rows = LabelFiles.read(labels);
        long start = System.nanoTime();
        Judge judge = judgeId == null ? TrainedJudge.load("eval", Optional.ofNullable(model)) : campaignJudge();
        Measured m = measure(judge, rows);
        JudgeMetrics r = m.metrics();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("judge: %s (%s)%n", judge.id(), judge.version());
        out.printf("rows: %d from %s; undetermined: %d (left out); judged in %.1f s%n", rows.size(), labels,
                m.undetermined(), (System.nanoTime() - start) / 1e9);
        out.printf("confusion: %d harmful judged harmful, %d harmless judged harmful, %d harmless judged harmless, "
                + "%d harmful judged harmless%n", r.truePositives(), r.falsePositives(), r.trueNegatives(), r.falseNegatives());
        out.printf("precision: %.3f %s%n", r.precision(), interval(r.precisionInterval()));
        out.printf("recall: %.3f %s%n", r.recall(), interval(r.recallInterval()));
        out.printf("f1: %.3f%n", r.f1());
        out.printf("auc: %s%n", r.auc().isPresent() ? String.format("%.3f", r.auc().getAsDouble()) : "n/a (no scores or one class)");
        out.printf("accuracy 95%% interval (Wilson): %s%n", interval(r.accuracyInterval()));
        out.printf("accuracy: %.3f%n", r.accuracy());
        out.flush();
        if (judge instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // releasing the judge's model; nothing to recover
            }
        }
        return 0;
    }

    private Judge campaignJudge() {
        CampaignConfig campaign = new CampaignConfigLoader().load(config);
        if (campaign.judges().stream().noneMatch(j -> j.id().equals(judgeId))) {
            throw new InvalidInputException("--judge: no judge '" + judgeId + "' in " + config + " (judges: "
                    + campaign.judges().stream().map(JudgeConfig::id).toList() + ")");
        }
        return App.judges(campaign).stream().filter(j -> j.id().equals(judgeId)).findFirst().orElseThrow();
    }

    /** The trained judge scores all rows in one batch; any other judge judges each row as a two-message transcript. */
    static Measured measure(Judge judge, List<LabelledResponse> rows) {
        int[] labels = rows.stream().mapToInt(LabelledResponse::label).toArray();
        if (judge instanceof TrainedJudge trained) {
            double[] scores = trained.scores(rows.stream().map(LabelledResponse::prompt).toList(),
                    rows.stream().map(LabelledResponse::response).toList());
            int[] decisions = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                decisions[i] = scores[i] >= TrainedJudge.THRESHOLD ? 1 : 0;
            }
            return new Measured(JudgeMetrics.of(labels, decisions, scores), 0);
        }
        List<Verdict> verdicts = rows.parallelStream().map(r -> judge.judge(Transcript.of(List.of(Message.human(r.prompt()),
                Message.assistant(r.response()))))).toList();
        List<Integer> kept = java.util.stream.IntStream.range(0, rows.size())
                .filter(i -> verdicts.get(i).outcome() != Outcome.UNDETERMINED).boxed().toList();
        boolean scored = kept.stream().allMatch(i -> verdicts.get(i).score().isPresent());
        int[] y = kept.stream().mapToInt(i -> labels[i]).toArray();
        int[] d = kept.stream().mapToInt(i -> verdicts.get(i).outcome() == Outcome.HARMFUL ? 1 : 0).toArray();
        double[] s = scored ? kept.stream().mapToDouble(i -> verdicts.get(i).score().getAsDouble()).toArray() : null;
        return new Measured(JudgeMetrics.of(y, d, s), rows.size() - kept.size());
    }

    static String summary(Measured m) {
        JudgeMetrics r = m.metrics();
        return String.format("n %d, accuracy %.3f %s, precision %.3f, recall %.3f, f1 %.3f, auc %s", r.n(), r.accuracy(),
                interval(r.accuracyInterval()), r.precision(), r.recall(), r.f1(),
                r.auc().isPresent() ? String.format("%.3f", r.auc().getAsDouble()) : "n/a");
    }

    static String interval(double[] ci) {
        return String.format("[%.3f, %.3f]", ci[0], ci[1]);
    }
}
