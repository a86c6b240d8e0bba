package org.redteam.config;

/**
 * How to reach one model: one record per backend kind, parsed from {@code backend: {kind: …}}.
 * A new backend adds a record here, a case in {@link CampaignConfigLoader} and a line in the target factory.
 */
public sealed interface BackendSpec permits BackendSpec.Demo {

    /** The {@code kind} string of the config file. */
    String kind();

    /** True for backends that produce no real model output; their data is labelled "demo" everywhere. */
    default boolean demo() {
        return false;
    }

    /** The offline demo backend: our own canned texts, drawn with {@code seed}. */
    record Demo(long seed) implements BackendSpec {
        public static final String KIND = "demo";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public boolean demo() {
            return true;
        }
    }
}
