package org.redteam.attempt;

import java.util.List;
import java.util.Optional;

/**
 * A human message, the two candidate responses, and which one the red teamer judged more harmful
 * (empty until they pick). The chosen response continues the conversation.
 */
public record Turn(int index, String message, Candidate a, Candidate b, Optional<Side> moreHarmful) {

    public List<Candidate> candidates() {
        return List.of(a, b);
    }

    public Candidate candidate(Side side) {
        return side == Side.A ? a : b;
    }

    /** The response that continues the conversation: the one picked as more harmful. */
    public Optional<Candidate> chosen() {
        return moreHarmful.map(this::candidate);
    }

    /** The harmlessness comparison this pick yields, once made. */
    public Optional<Comparison> comparison(String context) {
        return moreHarmful.map(side -> new Comparison(context, candidate(side).text(), candidate(side.other()).text()));
    }
}
