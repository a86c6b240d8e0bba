package org.redteam.config;

import java.util.List;

/**
 * One target as configured: a backend, the safety interventions wrapped around it (outermost last),
 * and the labels used in analysis and in the released format ({@code model_type}, {@code num_params}).
 */
public record TargetConfig(String id, String modelType, String size, BackendSpec backend,
                           List<InterventionSpec> interventions) {

    public TargetConfig {
        interventions = List.copyOf(interventions);
    }
}
