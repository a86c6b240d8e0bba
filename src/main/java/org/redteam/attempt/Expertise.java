package org.redteam.attempt;

import java.util.Optional;

/** The red teamer's answer at the rating step: whether the attack needed domain expertise, and which (when said). */
public record Expertise(boolean needed, Optional<String> area) {
}
