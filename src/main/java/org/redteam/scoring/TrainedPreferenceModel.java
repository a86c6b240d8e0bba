package org.redteam.scoring;

import java.nio.file.Path;

/**
 * PLACEHOLDER, to be replaced by the lead's trained model: only the two factory methods that
 * {@link PreferenceModels} calls, so the rest compiles until the real class lands.
 */
public final class TrainedPreferenceModel {

    private TrainedPreferenceModel() {
    }

    public static PreferenceModel loadDefault() {
        throw new ScoringException("the trained model is not available yet");
    }

    public static PreferenceModel load(Path file) {
        throw new ScoringException("the trained model is not available yet");
    }
}
