package org.redteam.backend.gguf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.redteam.config.BackendSpec;

/** The toy stories260K model from shared/ (CI has it; a clone without shared/ skips these tests). */
final class GgufModels {
    private GgufModels() {
    }

    static Path stories() {
        String shared = System.getProperty("redteam.shared");
        assumeTrue(shared != null, "redteam.shared is not set");
        Path path = Path.of(shared, "data", "models", "stories260K.gguf");
        assumeTrue(Files.isReadable(path), "no model at " + path);
        return path;
    }

    /** Short generations on a small context, so a test takes milliseconds per completion. */
    static BackendSpec.Gguf spec(Path path, int maxTokens) {
        return new BackendSpec.Gguf(path, 512, 2, 0.8, 0.95, maxTokens, 0L);
    }
}
