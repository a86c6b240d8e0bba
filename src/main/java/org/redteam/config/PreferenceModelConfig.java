package org.redteam.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Parses {@code preference_model: {kind: default | file | remote, …}} of a campaign file. A problem
 * is reported on the key it is about; a result that cannot be built is replaced by the default spec
 * (the file is refused anyway, with every error listed).
 */
final class PreferenceModelConfig {
    static final int MAX_TIMEOUT_MS = 600_000;
    static final int MAX_BATCH_SIZE = 4096;
    private static final String KNOWN = String.join(", ", PreferenceModelSpec.Default.KIND,
            PreferenceModelSpec.File.KIND, PreferenceModelSpec.Remote.KIND);

    private final UnaryOperator<String> env;

    PreferenceModelConfig(UnaryOperator<String> env) {
        this.env = env;
    }

    PreferenceModelSpec parse(Node p) {
        PreferenceModelSpec fallback = new PreferenceModelSpec.Default();
        if (!p.isObject()) {
            p.error("", "must be a mapping such as {kind: default}, {kind: file, path: …} or {kind: remote, url: …}");
            return fallback;
        }
        String kind = p.requiredText("kind");
        if (kind == null) {
            return fallback;
        }
        if (PreferenceModelSpec.Default.KIND.equals(kind)) {
            p.onlyKeys(Set.of("kind"));
            return fallback;
        }
        if (PreferenceModelSpec.File.KIND.equals(kind)) {
            p.onlyKeys(Set.of("kind", "path"));
            return file(p).orElse(fallback);
        }
        if (PreferenceModelSpec.Remote.KIND.equals(kind)) {
            p.onlyKeys(Set.of("kind", "url", "timeout_ms", "connect_timeout_ms", "batch_size", "api_key_env"));
            return remote(p).orElse(fallback);
        }
        p.error("kind", "unknown preference model '" + kind + "' (known: " + KNOWN + ")");
        return fallback;
    }

    /** A path is taken relative to the working directory, like every path on the command line. */
    private static Optional<PreferenceModelSpec> file(Node p) {
        String text = p.requiredText("path");
        if (text == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            p.error("path", "not a file path: " + e.getMessage());
            return Optional.empty();
        }
        if (!Files.isRegularFile(path)) {
            p.error("path", "no such file: " + path.toAbsolutePath() + " (train one with `redteam pm train`)");
            return Optional.empty();
        }
        return Optional.of(new PreferenceModelSpec.File(path));
    }

    private Optional<PreferenceModelSpec> remote(Node p) {
        Optional<URI> url = url(p);
        int timeout = p.intInRange("timeout_ms", 1, MAX_TIMEOUT_MS)
                .orElse((int) PreferenceModelSpec.Remote.DEFAULT_TIMEOUT.toMillis());
        int connectTimeout = p.intInRange("connect_timeout_ms", 1, MAX_TIMEOUT_MS).orElse(timeout);
        int batchSize = p.intInRange("batch_size", 1, MAX_BATCH_SIZE).orElse(PreferenceModelSpec.Remote.DEFAULT_BATCH_SIZE);
        Optional<String> keyEnv = apiKeyEnv(p);
        return url.map(u -> new PreferenceModelSpec.Remote(u, Duration.ofMillis(timeout),
                Duration.ofMillis(connectTimeout), batchSize, keyEnv));
    }

    /** The NAME of the variable holding the key; it must be set now, so a missing key fails at start. */
    private Optional<String> apiKeyEnv(Node p) {
        Optional<String> name = p.optionalText("api_key_env");
        if (name.isEmpty()) {
            return name;
        }
        if (!name.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            p.error("api_key_env", "must be the NAME of an environment variable (letters, digits and _), "
                    + "not the key itself");
            return Optional.empty();
        }
        String value = env.apply(name.get());
        if (value == null || value.isBlank()) {
            p.error("api_key_env", "the environment variable " + name.get() + " is not set");
        }
        return name;
    }

    private static Optional<URI> url(Node p) {
        String text = p.requiredText("url");
        if (text == null) {
            return Optional.empty();
        }
        try {
            URI url = new URI(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return Optional.of(url);
            }
        } catch (URISyntaxException e) {
            // reported below, with the accepted form
        }
        p.error("url", "must be an http:// or https:// URL with a host, got '" + text + "'");
        return Optional.empty();
    }
}
