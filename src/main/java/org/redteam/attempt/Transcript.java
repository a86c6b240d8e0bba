package org.redteam.attempt;

import java.util.ArrayList;
import java.util.List;
import org.redteam.backend.Message;

/**
 * The released format's transcript layout: {@code "\n\nHuman: …\n\nAssistant: …"}, one pair per
 * turn, the assistant part being the response the red teamer picked. A turn without a pick yet
 * contributes its human message only.
 */
public final class Transcript {
    public static final String HUMAN = "\n\nHuman: ";
    public static final String ASSISTANT = "\n\nAssistant: ";

    private Transcript() {
    }

    public static String of(List<Turn> turns) {
        StringBuilder text = new StringBuilder();
        for (Message m : conversation(turns)) {
            text.append(m.speaker() == Message.Speaker.HUMAN ? HUMAN : ASSISTANT).append(m.text());
        }
        return text.toString();
    }

    /** Human messages and chosen responses, in order. */
    public static List<Message> conversation(List<Turn> turns) {
        List<Message> messages = new ArrayList<>();
        for (Turn t : turns) {
            messages.add(Message.human(t.message()));
            t.chosen().ifPresent(c -> messages.add(Message.assistant(c.text())));
        }
        return messages;
    }
}
