package org.redteam.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One safety intervention around a target's backend, parsed from {@code interventions: [{kind: …}]}.
 * Listed innermost first: {@code [{kind: hhh-prompt}, {kind: rejection-sampling}]} samples from the
 * HHH-prompted model.
 */
public interface InterventionSpec {

    /** The {@code kind} string of the config file. */
    String kind();

    /** The paper's plain LM: one example three-turn conversation placed before the transcript. */
    record OneShotPrompt() implements InterventionSpec {
        public static final String KIND = "one-shot-prompt";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** The paper's prompted LM: a few-shot helpful, harmless and honest prompt; ours unless a file is given. */
    record HhhPrompt(Optional<Path> promptFile) implements InterventionSpec {
        public static final String KIND = "hhh-prompt";

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** Draw {@code samples} candidates, show the {@code keep} the preference model finds least harmful. */
    record RejectionSampling(int samples, int keep) implements InterventionSpec {
        public static final String KIND = "rejection-sampling";
        public static final int DEFAULT_SAMPLES = 16;
        public static final int DEFAULT_KEEP = 2;

        @Override
        public String kind() {
            return KIND;
        }
    }
}
