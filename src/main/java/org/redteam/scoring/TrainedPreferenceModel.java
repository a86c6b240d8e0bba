package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The in-process preference model: {@link PmFeatures} of an utterance (embeddings from an
 * {@link OnnxEmbedder}), scored by a linear head trained with the Bradley–Terry loss
 * ({@link PairwiseTrainer}): {@code harmlessness = w·φ + bias}. The bias centres the scores of the
 * training responses on 0; it cancels in every comparison. A model file is JSON ("redteam-pm" v1):
 * the embedder's name, the feature design, the weights and how the model was trained.
 */
public final class TrainedPreferenceModel implements PreferenceModel, AutoCloseable {
    public static final String FORMAT = "redteam-pm";
    public static final int VERSION = 1;
    /** The model that ships in the jar, trained by {@code redteam pm train} (docs/preference-model.md). */
    public static final String DEFAULT_RESOURCE = "pm/default-pm.json";
    static final Map<String, OnnxEmbedder.Spec> EMBEDDERS = Map.of(
            OnnxEmbedder.BGE_SMALL_EN_V15_Q.name(), OnnxEmbedder.BGE_SMALL_EN_V15_Q,
            OnnxEmbedder.MINILM_L6_Q.name(), OnnxEmbedder.MINILM_L6_Q);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Embedder embedder;
    private final PmFeatures features;
    private final double[] weights;
    private final double bias;

    public TrainedPreferenceModel(String name, Embedder embedder, double[] weights, double bias) {
        this.name = name;
        this.embedder = embedder;
        this.features = new PmFeatures(embedder);
        if (weights.length != features.dimension()) {
            throw new ScoringException(name + ": " + weights.length + " weights for " + features.dimension() + " features");
        }
        this.weights = weights.clone();
        this.bias = bias;
    }

    public static PreferenceModel loadDefault() {
        try (InputStream in = TrainedPreferenceModel.class.getResourceAsStream("/" + DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ScoringException("the default preference model " + DEFAULT_RESOURCE + " is not in the jar");
            }
            return fromJson("pm-default", JSON.readTree(in), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new ScoringException("cannot read the default preference model: " + e.getMessage(), e);
        }
    }

    public static PreferenceModel load(Path file) {
        try {
            return fromJson(file.getFileName().toString(), JSON.readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new ScoringException("cannot read the preference model " + file + ": " + e.getMessage(), e);
        }
    }

    static TrainedPreferenceModel fromJson(String name, JsonNode json, String source) {
        return fromJson(name, json, source, spec -> OnnxEmbedder.load(spec));
    }

    /** As above, with the embedder made by {@code embedders} (tests substitute a hashing embedder). */
    static TrainedPreferenceModel fromJson(String name, JsonNode json, String source,
                                           java.util.function.Function<OnnxEmbedder.Spec, Embedder> embedders) {
        if (json == null || !FORMAT.equals(json.path("format").asText()) || json.path("version").asInt() != VERSION) {
            throw new ScoringException(source + ": not a " + FORMAT + " v" + VERSION + " model file");
        }
        if (!PmFeatures.DESIGN.equals(json.path("features").asText())) {
            throw new ScoringException(source + ": features '" + json.path("features").asText()
                    + "' are not supported (this version computes " + PmFeatures.DESIGN + ")");
        }
        String embedderName = json.path("embedder").asText();
        OnnxEmbedder.Spec spec = EMBEDDERS.get(embedderName);
        if (spec == null) {
            throw new ScoringException(source + ": unknown embedder '" + embedderName + "' (known: " + EMBEDDERS.keySet() + ")");
        }
        JsonNode w = json.path("weights");
        if (!w.isArray()) {
            throw new ScoringException(source + ": weights: must be a list of numbers");
        }
        double[] weights = new double[w.size()];
        for (int i = 0; i < weights.length; i++) {
            if (!w.get(i).isNumber()) {
                throw new ScoringException(source + ": weights[" + i + "]: must be a number");
            }
            weights[i] = w.get(i).asDouble();
        }
        return new TrainedPreferenceModel(name + " (" + embedderName + ", " + PmFeatures.DESIGN + ")",
                embedders.apply(spec), weights, json.path("bias").asDouble());
    }

    /** The model file: format, embedder, features, head, and the training record given. */
    public static ObjectNode toJson(String embedderName, double[] weights, double bias, ObjectNode training) {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", VERSION);
        json.put("embedder", embedderName);
        json.put("features", PmFeatures.DESIGN);
        json.put("bias", bias);
        ArrayNode w = json.putArray("weights");
        for (double x : weights) {
            w.add((float) x);
        }
        json.set("training", training);
        return json;
    }

    @Override
    public double harmlessness(String context, String response) {
        return harmlessness(List.of(new Exchange(context, response)))[0];
    }

    @Override
    public double[] harmlessness(List<Exchange> exchanges) {
        List<double[]> phi = features.of(exchanges);
        double[] scores = new double[phi.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = PairwiseTrainer.dot(weights, phi.get(i)) + bias;
        }
        return scores;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (embedder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing to recover when releasing the model
            }
        }
    }
}
