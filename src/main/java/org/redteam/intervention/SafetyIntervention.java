package org.redteam.intervention;

import org.redteam.backend.ModelBackend;

/**
 * A decorator over a backend: the paper's prompts and rejection sampling. A new intervention is one
 * class here, one {@code InterventionSpec} record and one line in {@code TargetFactory}.
 */
public interface SafetyIntervention {

    /** The backend as seen through this intervention; thread-safe when {@code inner} is. */
    ModelBackend around(ModelBackend inner);
}
