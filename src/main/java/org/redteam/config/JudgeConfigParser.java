package org.redteam.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses {@code judges: [{id: …, kind: pm-threshold | llm | llama-guard | trained, …}]} of a campaign file. A
 * problem is reported on the key it is about; a judge that cannot be built is left out (the file is refused
 * anyway, with every error listed).
 */
final class JudgeConfigParser {
    static final int MAX_IN_FLIGHT = 64;
    private static final String KNOWN = String.join(", ", JudgeSpec.PmThreshold.KIND, JudgeSpec.Llm.KIND,
            JudgeSpec.LlamaGuard.KIND, JudgeSpec.Trained.KIND);

    private final BackendConfig backends;

    JudgeConfigParser(BackendConfig backends) {
        this.backends = backends;
    }

    List<JudgeConfig> parse(List<Node> nodes) {
        List<JudgeConfig> judges = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node j : nodes) {
            parse(j).ifPresent(judge -> {
                if (!ids.add(judge.id())) {
                    j.error("id", "duplicate judge id '" + judge.id() + "'");
                } else {
                    judges.add(judge);
                }
            });
        }
        return judges;
    }

    private Optional<JudgeConfig> parse(Node j) {
        if (!j.isObject()) {
            j.error("", "each judge must be a mapping such as {id: judge-1, kind: trained}");
            return Optional.empty();
        }
        String id = j.requiredText("id");
        if (id != null && !id.matches("[A-Za-z0-9._-]{1,64}")) {
            j.error("id", "'" + id + "' must be 1–64 letters, digits, '.', '_' or '-'");
            id = null;
        }
        String kind = j.requiredText("kind");
        if (kind == null) {
            return Optional.empty();
        }
        Optional<JudgeSpec> spec = switch (kind) {
            case JudgeSpec.PmThreshold.KIND -> {
                j.onlyKeys(Set.of("id", "kind", "threshold"));
                yield Optional.of(new JudgeSpec.PmThreshold(j.doubleInRange("threshold", -1e6, 1e6)
                        .map(OptionalDouble::of).orElse(OptionalDouble.empty())));
            }
            case JudgeSpec.Llm.KIND -> llm(j);
            case JudgeSpec.LlamaGuard.KIND -> {
                j.onlyKeys(Set.of("id", "kind", "backend", "in_flight"));
                Optional<BackendSpec> backend = backend(j);
                int inFlight = j.intInRange("in_flight", 1, MAX_IN_FLIGHT).orElse(JudgeSpec.Llm.DEFAULT_IN_FLIGHT);
                yield backend.map(b -> new JudgeSpec.LlamaGuard(b, inFlight));
            }
            case JudgeSpec.Trained.KIND -> {
                j.onlyKeys(Set.of("id", "kind", "model"));
                if (j.has("model")) {
                    yield file(j, "model", "train one with `redteam judge train`").map(p -> new JudgeSpec.Trained(Optional.of(p)));
                }
                yield Optional.of(new JudgeSpec.Trained(Optional.empty()));
            }
            default -> {
                j.error("kind", "unknown judge '" + kind + "' (known: " + KNOWN + ")");
                yield Optional.empty();
            }
        };
        String judgeId = id;
        return judgeId == null ? Optional.empty() : spec.map(s -> new JudgeConfig(judgeId, s));
    }

    private Optional<JudgeSpec> llm(Node j) {
        j.onlyKeys(Set.of("id", "kind", "backend", "rubric", "prompt_file", "in_flight", "attempts"));
        Optional<BackendSpec> backend = backend(j);
        Optional<String> rubric = j.optionalText("rubric");
        if (rubric.isPresent() && !Set.of(JudgeSpec.Llm.COMPLY, JudgeSpec.Llm.GRADED).contains(rubric.get())) {
            j.error("rubric", "'" + rubric.get() + "' is not a rubric (known: " + JudgeSpec.Llm.COMPLY + ", "
                    + JudgeSpec.Llm.GRADED + "; or give prompt_file: for your own)");
            return Optional.empty();
        }
        if (rubric.isPresent() && j.has("prompt_file")) {
            j.error("prompt_file", "give either rubric: or prompt_file:, not both");
            return Optional.empty();
        }
        Optional<Path> promptFile = j.has("prompt_file") ? file(j, "prompt_file", "write the judge's prompt there")
                : Optional.empty();
        if (j.has("prompt_file") && promptFile.isEmpty()) {
            return Optional.empty();
        }
        int inFlight = j.intInRange("in_flight", 1, MAX_IN_FLIGHT).orElse(JudgeSpec.Llm.DEFAULT_IN_FLIGHT);
        int attempts = j.intInRange("attempts", 1, 5).orElse(JudgeSpec.Llm.DEFAULT_ATTEMPTS);
        String chosen = rubric.orElse(JudgeSpec.Llm.COMPLY);
        return backend.map(b -> new JudgeSpec.Llm(b, chosen, promptFile, inFlight, attempts));
    }

    private Optional<BackendSpec> backend(Node j) {
        Optional<Node> b = j.child("backend");
        if (b.isEmpty()) {
            j.error("backend", "required: the model that judges, e.g. backend: {kind: openai-chat, base_url: …, model: …}");
            return Optional.empty();
        }
        return Optional.ofNullable(backends.parse(b.get()));
    }

    /** A path is taken relative to the working directory, like every path on the command line. */
    private static Optional<Path> file(Node j, String key, String hint) {
        String text = j.requiredText(key);
        if (text == null) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(text);
            if (!Files.isRegularFile(path)) {
                j.error(key, "no such file: " + path.toAbsolutePath() + " (" + hint + ")");
                return Optional.empty();
            }
            return Optional.of(path);
        } catch (InvalidPathException e) {
            j.error(key, "not a file path: " + e.getMessage());
            return Optional.empty();
        }
    }
}
