package org.redteam.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.redteam.config.BackendSpec.Gguf;

/** Parses {@code backend: {kind: gguf, path: …}}; the file is checked now, so a wrong path fails at start. */
final class GgufConfig {
    static final int MAX_CONTEXT_SIZE = 1 << 20;
    static final int MAX_THREADS = 1024;
    private static final Set<String> KEYS = Set.of("kind", "path", "context_size", "threads", "temperature", "top_p",
            "max_tokens", "seed");
    private static final byte[] MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

    private GgufConfig() {
    }

    /** The spec, or null when the node has a problem (already reported). */
    static Gguf parse(Node b) {
        b.onlyKeys(KEYS);
        Optional<Path> path = Optional.ofNullable(b.requiredText("path")).flatMap(p -> modelFile(b, p));
        Optional<Integer> contextSize = b.intInRange("context_size", 16, MAX_CONTEXT_SIZE);
        Optional<Integer> threads = b.intInRange("threads", 1, MAX_THREADS);
        // llama.cpp's sampler takes any temperature >= 0 (0 = greedy); 2 matches the OpenAI kinds.
        Optional<Double> temperature = b.doubleInRange("temperature", 0, 2);
        Optional<Double> topP = b.doubleInRange("top_p", 0, 1);
        Optional<Integer> maxTokens = b.intInRange("max_tokens", 1, BackendConfig.MAX_TOKENS_LIMIT);
        Optional<Long> seed = b.optionalLong("seed");
        if (path.isEmpty()) {
            return null;
        }
        Gguf defaults = Gguf.of(path.get());
        return new Gguf(path.get(), contextSize.orElse(defaults.contextSize()), threads.orElse(defaults.threads()),
                temperature.orElse(defaults.temperature()), topP.orElse(defaults.topP()),
                maxTokens.orElse(defaults.maxTokens()), seed.orElse(defaults.seed()));
    }

    /** A readable regular file that starts with the GGUF magic; a relative path is relative to the working directory. */
    private static Optional<Path> modelFile(Node b, String text) {
        Path path = Path.of(text);
        if (!Files.isRegularFile(path)) {
            b.error("path", "no such file: " + path.toAbsolutePath());
            return Optional.empty();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(MAGIC.length);
        } catch (IOException e) {
            b.error("path", "cannot read " + path.toAbsolutePath() + ": " + e.getMessage());
            return Optional.empty();
        }
        if (!Arrays.equals(head, MAGIC)) {
            b.error("path", "not a GGUF model file (it does not start with \"GGUF\"): " + path.toAbsolutePath());
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
