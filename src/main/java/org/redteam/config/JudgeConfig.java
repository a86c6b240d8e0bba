package org.redteam.config;

import java.util.Objects;

/** One judge of a campaign: its id (unique in the file; stored with every verdict) and what it is. */
public record JudgeConfig(String id, JudgeSpec spec) {
    public JudgeConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
    }
}
