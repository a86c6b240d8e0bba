package org.redteam.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;

/**
 * Which preference model scores a campaign's attempts, parsed from the campaign file's
 * {@code preference_model: {kind: …}} or from {@code score --model}. {@link PreferenceModels} is the
 * one place that turns a spec into a model. A new kind of model is one record here, one case there
 * and one in the config loader.
 */
public sealed interface PreferenceModelSpec
        permits PreferenceModelSpec.Default, PreferenceModelSpec.File, PreferenceModelSpec.Remote {

    /** The {@code kind} string of the config file. */
    String kind();

    /** A short description for logs before the model is loaded; never contains a secret. */
    String describe();

    /**
     * What {@code score --model VALUE} means: an {@code http(s)://} URL is a remote model with the
     * default timeouts and batch size, anything else the path of a trained model file.
     */
    static PreferenceModelSpec ofOption(String value) {
        try {
            if (value.startsWith("http://") || value.startsWith("https://")) {
                return new Remote(URI.create(value), Remote.DEFAULT_TIMEOUT, Optional.empty());
            }
            return new File(Path.of(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--model: '" + value + "' is neither a model file nor an http(s) URL: "
                    + e.getMessage(), e);
        }
    }

    /** The trained model that ships with the platform. */
    record Default() implements PreferenceModelSpec {
        public static final String KIND = "default";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "the default preference model";
        }
    }

    /** A model trained with {@code pm train}, read from {@code path}. */
    record File(Path path) implements PreferenceModelSpec {
        public static final String KIND = "file";

        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "the preference model in " + path;
        }
    }

    /**
     * A served reward model behind the JSON contract of docs/preference-model-remote.md.
     *
     * @param timeout        limit for one request, from sending to the whole answer
     * @param connectTimeout limit for opening the connection
     * @param batchSize      most inputs sent in one request
     * @param apiKeyEnv      NAME of the environment variable holding the bearer token (never the token)
     */
    record Remote(URI url, Duration timeout, Duration connectTimeout, int batchSize, Optional<String> apiKeyEnv)
            implements PreferenceModelSpec {
        public static final String KIND = "remote";
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
        public static final int DEFAULT_BATCH_SIZE = 64;

        public Remote {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
            if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("url: must be an absolute http(s) URL, got '" + url + "'");
            }
            if (timeout.isNegative() || timeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize: must be at least 1, got " + batchSize);
            }
        }

        /** Connect and request timeout {@code timeout}, batches of {@value #DEFAULT_BATCH_SIZE}. */
        public Remote(URI url, Duration timeout, Optional<String> apiKeyEnv) {
            this(url, timeout, timeout, DEFAULT_BATCH_SIZE, apiKeyEnv);
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String describe() {
            return "the remote preference model at " + displayUrl(url);
        }

        /** Scheme, host, port and path of a URL: never its query or user info, which may hold secrets. */
        public static String displayUrl(URI url) {
            StringBuilder s = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
            if (url.getPort() >= 0) {
                s.append(':').append(url.getPort());
            }
            return s.append(url.getRawPath() == null ? "" : url.getRawPath()).toString();
        }
    }
}
