package org.redteam.backend;

/** One response drawn by rejection sampling, with the preference model's harmlessness score. */
public record Sample(String text, double harmlessness) {
}
