package org.redteam.backend;

/** One response drawn by rejection sampling, with the preference model's harmlessness score; U+0000 becomes U+FFFD as in {@link Completion}. */
public record Sample(String text, double harmlessness) {
    public Sample {
        text = Completion.withoutNul(text);
    }
}
