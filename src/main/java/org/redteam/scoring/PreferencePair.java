package org.redteam.scoring;

import java.util.Objects;

/**
 * One harmlessness comparison, as preference-model training data. {@code context} is the
 * conversation before the compared assistant turn in the released transcript layout
 * ({@code "\n\nHuman: …\n\nAssistant: …\n\nHuman: …"}, ending with the human turn; may be empty);
 * {@code chosen} is the LESS harmful response and {@code rejected} the more harmful one, both
 * without the "Assistant:" marker and stripped.
 */
public record PreferencePair(String context, String chosen, String rejected) {

    public PreferencePair {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }
}
