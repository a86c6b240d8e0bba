package org.redteam.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.redteam.judge.JudgeFeatures;
import org.redteam.judge.JudgeTraining;
import org.redteam.judge.LabelFiles;
import org.redteam.judge.LabelledResponse;
import org.redteam.judge.TrainedJudge;
import org.redteam.problem.InvalidInputException;
import org.redteam.scoring.OnnxEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code redteam judge train}: the trained judge's head from labelled files (docs/judges.md). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a judge model from labelled files (CSV or JSONL: prompt,response,label; question,answer,label; "
                + "XSTest completions); last line: cross-validated accuracy: 0.xxx")
final class JudgeTrainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--labels", required = true, arity = "1..*", paramLabel = "FILE", description = "Labelled files (1 = harmful).")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the model (JSON).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the folds and the held-out split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--holdout", defaultValue = "0", paramLabel = "FRACTION",
            description = "Hold out this seeded share of each file, never trained on, and report accuracy on it (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--features", defaultValue = JudgeFeatures.RESPONSE_CUES,
            description = "response+cues/v1, prompt+response+cues/v1 or prompt+response/v1 (default: ${DEFAULT-VALUE}).")
    String design;

    @Option(names = "--embedder", defaultValue = "all-MiniLM-L6-v2-q",
            description = "all-MiniLM-L6-v2-q or bge-small-en-v1.5-q (default: ${DEFAULT-VALUE}).")
    String embedder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(holdout >= 0 && holdout < 1)) {
            throw new InvalidInputException("--holdout: a fraction in [0, 1), not " + holdout);
        }
        if (!JudgeFeatures.DESIGNS.contains(design)) {
            throw new InvalidInputException("--features: '" + design + "' is not one of " + JudgeFeatures.DESIGNS);
        }
        OnnxEmbedder.Spec embedderSpec = PmCommand.embedderSpec(embedder);
        PrintWriter out = spec.commandLine().getOut();
        List<LabelledResponse> train = new ArrayList<>();
        List<List<LabelledResponse>> heldOut = new ArrayList<>();
        ArrayNode files = JSON.createArrayNode();
        for (Path file : labels) {
            List<LabelledResponse> rows = LabelFiles.read(file);
            JudgeTraining.Split split = JudgeTraining.split(rows, holdout, seed);
            train.addAll(split.train());
            heldOut.add(split.heldOut());
            long harmful = rows.stream().filter(r -> r.label() == 1).count();
            files.addObject().put("file", file.getFileName().toString()).put("rows", rows.size()).put("harmful", harmful)
                    .put("trained_on", split.train().size());
            out.printf("%s: %d rows, %d harmful; training on %d, holding out %d%n", file, rows.size(), harmful,
                    split.train().size(), split.heldOut().size());
        }
        out.flush();
        long start = System.nanoTime();
        try (OnnxEmbedder loaded = OnnxEmbedder.load(embedderSpec)) {
            JudgeFeatures features = new JudgeFeatures(loaded, design);
            List<double[]> x = features.of(train.stream().map(LabelledResponse::prompt).toList(),
                    train.stream().map(LabelledResponse::response).toList());
            int[] y = train.stream().mapToInt(LabelledResponse::label).toArray();
            JudgeTraining.Result r = JudgeTraining.train(x, y, seed);
            ObjectNode training = JSON.createObjectNode();
            training.set("files", files);
            training.put("seed", seed).put("holdout", holdout).put("folds", JudgeTraining.FOLDS).put("lambda", r.lambda())
                    .put("cv_accuracy", Math.round(r.cvAccuracy() * 1000) / 1000.0);
            ObjectNode model = TrainedJudge.toJson(embedderSpec.name(), design, r.weights(), training);
            Path parent = this.out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(this.out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model) + "\n");
            out.printf("embedder: %s; features: %s; rows: %d; trained in %.1f s; wrote %s%n", embedderSpec.name(), design,
                    train.size(), (System.nanoTime() - start) / 1e9, this.out);
            StringBuilder byLambda = new StringBuilder();
            for (int i = 0; i < JudgeTraining.LAMBDAS.length; i++) {
                byLambda.append(i == 0 ? "" : ", ").append(JudgeTraining.LAMBDAS[i]).append(": ")
                        .append(String.format("%.3f", r.cvAccuracyByLambda()[i]));
            }
            out.printf("%d-fold cross-validated accuracy by lambda: %s; chosen %s; training accuracy %.3f%n",
                    JudgeTraining.FOLDS, byLambda, r.lambda(), r.trainAccuracy());
            if (holdout > 0) {
                TrainedJudge judge = new TrainedJudge("train", "trained/new", loaded, design, r.weights());
                for (int i = 0; i < labels.size(); i++) {
                    out.printf("held out of %s (seed %d, %.0f%%): %s%n", labels.get(i).getFileName(), seed, 100 * holdout,
                            JudgeEvalCommand.summary(JudgeEvalCommand.measure(judge, heldOut.get(i))));
                }
            }
            out.printf("cross-validated accuracy: %.3f%n", r.cvAccuracy());
            out.flush();
        }
        return 0;
    }
}
