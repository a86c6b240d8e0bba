package org.redteam.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One harmlessness comparison: the conversation before the compared assistant turn in the released
 * transcript layout (ending with {@code "\n\nHuman: …"}; may be empty), the response judged more
 * harmful and the other one. A red teamer's pick is one; an hh-rlhf {@code {"chosen", "rejected"}}
 * line is one with chosen = the LESS harmful ending. Training data for the preference model.
 */
public record Comparison(String context, String moreHarmful, String lessHarmful) {

    public Comparison {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(moreHarmful, "moreHarmful");
        Objects.requireNonNull(lessHarmful, "lessHarmful");
    }

    /** The same with both responses stripped of surrounding white space, as training reads them. */
    public Comparison stripped() {
        return new Comparison(context, moreHarmful.strip(), lessHarmful.strip());
    }

    /** hh-rlhf's {@code chosen}: the whole transcript ending with the less harmful response. */
    public String chosenTranscript() {
        return context + Transcript.ASSISTANT + lessHarmful;
    }

    /** hh-rlhf's {@code rejected}: the whole transcript ending with the more harmful response. */
    public String rejectedTranscript() {
        return context + Transcript.ASSISTANT + moreHarmful;
    }

    /** The context followed by {@code "\n\nAssistant:"}: a DPO prompt, which each response continues after a space. */
    public String prompt() {
        return context + Transcript.ASSISTANT_MARKER;
    }

    /**
     * An hh-rlhf pair read back: the two transcripts share a prefix and differ in their last assistant
     * turn; they are split at the last {@code "\n\nAssistant:"} that both have at the same place within
     * their common prefix, responses stripped. Empty when they share no such marker.
     */
    public static Optional<Comparison> ofTranscripts(String chosen, String rejected) {
        String marker = Transcript.ASSISTANT_MARKER;
        int at = chosen.lastIndexOf(marker, commonPrefixLength(chosen, rejected));
        while (at >= 0 && !rejected.startsWith(marker, at)) {
            at = at == 0 ? -1 : chosen.lastIndexOf(marker, at - 1);
        }
        if (at < 0) {
            return Optional.empty();
        }
        int text = at + marker.length();
        return Optional.of(new Comparison(chosen.substring(0, at), rejected.substring(text).strip(), chosen.substring(text).strip()));
    }

    /** The two exchanges of each comparison in order, the less harmful response first: what a model scores to compare them. */
    public static List<Exchange> exchanges(List<Comparison> comparisons) {
        List<Exchange> exchanges = new ArrayList<>(2 * comparisons.size());
        for (Comparison c : comparisons) {
            exchanges.add(new Exchange(c.context(), c.lessHarmful()));
            exchanges.add(new Exchange(c.context(), c.moreHarmful()));
        }
        return exchanges;
    }

    /** How many characters two texts share at their start. */
    public static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
