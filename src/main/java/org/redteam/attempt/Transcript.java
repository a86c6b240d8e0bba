package org.redteam.attempt;

import java.util.ArrayList;
import java.util.List;
import org.redteam.backend.Message;
import org.redteam.scoring.Exchange;

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

    /**
     * One exchange per picked response: the context is the transcript before it, ending with the turn's
     * human message; the response is the picked text, stripped. The same as splitting {@link #of} at
     * its Assistant markers, except that a marker typed inside a message cannot split it.
     */
    public static List<Exchange> exchanges(List<Turn> turns) {
        List<Exchange> exchanges = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        for (Turn t : turns) {
            context.append(HUMAN).append(t.message());
            if (t.chosen().isPresent()) {
                String response = t.chosen().get().text();
                exchanges.add(new Exchange(context.toString(), response.strip()));
                context.append(ASSISTANT).append(response);
            }
        }
        return exchanges;
    }
}
