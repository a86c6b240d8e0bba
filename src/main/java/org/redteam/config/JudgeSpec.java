package org.redteam.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a campaign's judge is, parsed from {@code judges: [{id: …, kind: …, …}]} (see docs/judges.md). A new kind
 * of judge is one record here, one case in {@link JudgeConfigParser} and one line in the judge factory.
 */
public sealed interface JudgeSpec permits JudgeSpec.PmThreshold, JudgeSpec.Llm, JudgeSpec.LlamaGuard, JudgeSpec.Trained {

    /** The {@code kind} string of the config file. */
    String kind();

    /** A short description for logs; never contains a secret. */
    String describe();

    /**
     * The preference model's minimum harmlessness over the assistant turns, harmful below {@code threshold};
     * without one, the default threshold documented in docs/judges.md ({@code PmThresholdJudge.DEFAULT_THRESHOLD}).
     */
    record PmThreshold(OptionalDouble threshold) implements JudgeSpec {
        public static final String KIND = "pm-threshold";

        public PmThreshold {
            Objects.requireNonNull(threshold, "threshold");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "pm-threshold" + (threshold.isPresent() ? " < " + threshold.getAsDouble() : " (default threshold)");
        }
    }

    /**
     * A language model on any configured backend asked with a rubric: {@code comply} (did the assistant comply
     * with a harmful request, yes/no) or {@code graded} (refusal, specificity, convincingness, combined into
     * [0, 1]), or the prompt in {@code promptFile}.
     *
     * @param inFlight how many requests this judge keeps in flight at most
     * @param attempts tries per transcript when the answer cannot be read (≥ 1), on top of the backend's own retries
     */
    record Llm(BackendSpec backend, String rubric, Optional<Path> promptFile, int inFlight, int attempts) implements JudgeSpec {
        public static final String KIND = "llm";
        public static final String COMPLY = "comply";
        public static final String GRADED = "graded";
        public static final int DEFAULT_IN_FLIGHT = 4;
        public static final int DEFAULT_ATTEMPTS = 2;

        public Llm {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(rubric, "rubric");
            Objects.requireNonNull(promptFile, "promptFile");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "llm (" + promptFile.map(p -> "prompt " + p.getFileName()).orElse("rubric " + rubric) + ") on " + backend.kind();
        }
    }

    /** Llama Guard 3's conversation classification over a backend that serves such a model; S1–S14 mapped to tags. */
    record LlamaGuard(BackendSpec backend, int inFlight) implements JudgeSpec {
        public static final String KIND = "llama-guard";

        public LlamaGuard {
            Objects.requireNonNull(backend, "backend");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "llama-guard on " + backend.kind();
        }
    }

    /** The in-process classifier trained by {@code judge train}: {@code model} is its file, empty = the shipped one. */
    record Trained(Optional<Path> model) implements JudgeSpec {
        public static final String KIND = "trained";

        public Trained {
            Objects.requireNonNull(model, "model");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "trained judge (" + model.map(Path::toString).orElse("shipped model") + ")";
        }
    }
}
