package org.redteam.attempt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redteam.conversation.Comparison;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;

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

    /** The conversation of these turns: each human message and, once picked, the response picked as more harmful. */
    public static Transcript transcript(List<Turn> turns) {
        List<Message> messages = new ArrayList<>();
        for (Turn t : turns) {
            messages.add(Message.human(t.message()));
            t.chosen().ifPresent(c -> messages.add(Message.assistant(c.text())));
        }
        return Transcript.of(messages);
    }
}
