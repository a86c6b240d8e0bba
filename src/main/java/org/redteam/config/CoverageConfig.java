package org.redteam.config;

import java.util.Set;

/** Reads the {@code coverage:} block of a campaign file into {@link CoverageSettings}; every error names its key. */
final class CoverageConfig {
    private CoverageConfig() {
    }

    static CoverageSettings parse(Node c) {
        if (!c.isObject()) {
            c.error("", "must be a mapping such as {hints: true}");
            return CoverageSettings.OFF;
        }
        c.onlyKeys(Set.of("hints"));
        return new CoverageSettings(c.optionalBoolean("hints").orElse(false));
    }
}
