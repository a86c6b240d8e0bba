package org.redteam.scoring;

import org.redteam.conversation.Comparison;

import org.redteam.conversation.Exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Trains a {@link TrainedPreferenceModel} from comparisons: embeds both responses of every pair,
 * cross-validates the head's λ, fits it on all pairs, and records how it was made.
 */
public final class PmTraining {
    static final int CHUNK = 32;
    public static final int FOLDS = 5;
    public static final int REPEATS = 3;

    private final Embedder embedder;
    private final String embedderName;
    private final Clock clock;

    public PmTraining(Embedder embedder, String embedderName, Clock clock) {
        this.embedder = embedder;
        this.embedderName = embedderName;
        this.clock = clock;
    }

    /** Progress in two stages: pairs embedded, then fits done. */
    public interface Progress {
        void embedded(int pairs, int total);

        void fitted(int fits, int total);
    }

    /** The model file's JSON and the training result behind it. */
    public record Outcome(ObjectNode model, PairwiseTrainer.Result result, int pairs, long millis) {
    }

    public Outcome train(List<Comparison> pairs, List<String> sources, long seed, Progress progress) {
        if (pairs.size() < FOLDS) {
            throw new org.redteam.problem.InvalidInputException("need at least " + FOLDS + " preference pairs to train, got " + pairs.size());
        }
        long start = clock.millis();
        PmFeatures features = new PmFeatures(embedder);
        List<double[]> differences = new ArrayList<>(pairs.size());
        double scoreSum = 0;
        List<double[]> all = new ArrayList<>(2 * pairs.size());
        for (int from = 0; from < pairs.size(); from += CHUNK) {
            List<Comparison> chunk = pairs.subList(from, Math.min(pairs.size(), from + CHUNK));
            List<Exchange> exchanges = Comparison.exchanges(chunk);
            List<double[]> phi = features.of(exchanges);
            for (int i = 0; i < chunk.size(); i++) {
                double[] chosen = phi.get(2 * i);
                double[] rejected = phi.get(2 * i + 1);
                double[] d = new double[chosen.length];
                for (int j = 0; j < d.length; j++) {
                    d[j] = chosen[j] - rejected[j];
                }
                differences.add(d);
                all.add(chosen);
                all.add(rejected);
            }
            progress.embedded(Math.min(pairs.size(), from + CHUNK), pairs.size());
        }
        PairwiseTrainer trainer = new PairwiseTrainer(FOLDS, REPEATS, seed);
        IntConsumer fitted = done -> progress.fitted(done, trainer.fits());
        PairwiseTrainer.Result result = trainer.train(differences, fitted);
        for (double[] phi : all) {
            scoreSum += PairwiseTrainer.dot(result.weights(), phi);
        }
        double bias = -scoreSum / all.size();
        long millis = clock.millis() - start;
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("pairs", pairs.size());
        training.putPOJO("sources", sources);
        training.put("seed", seed);
        training.put("folds", FOLDS);
        training.put("repeats", REPEATS);
        training.put("loss", "Bradley-Terry (pairwise logistic), L2");
        training.put("lambda", result.lambda());
        training.put("cvAccuracy", result.cvAccuracy());
        ObjectNode byLambda = training.putObject("cvAccuracyByLambda");
        for (int i = 0; i < PairwiseTrainer.LAMBDAS.length; i++) {
            byLambda.put(String.valueOf(PairwiseTrainer.LAMBDAS[i]), result.cvAccuracyByLambda()[i]);
        }
        training.put("trainAccuracy", result.trainAccuracy());
        training.put("trainedAt", clock.instant().toString());
        training.put("trainingMillis", millis);
        return new Outcome(TrainedPreferenceModel.toJson(embedderName, result.weights(), bias, training), result,
                pairs.size(), millis);
    }
}
