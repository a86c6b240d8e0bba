package org.redteam.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a transcript in the released layout ({@code "\n\nHuman: …\n\nAssistant: …"}, repeated) into
 * one {@link Exchange} per Assistant utterance: the context is the transcript up to that
 * {@code "\n\nAssistant:"} marker, verbatim; the response is the text after the marker up to the next
 * marker (either speaker), stripped. Imported transcripts are taken as they come: several Assistant
 * turns in a row each give an exchange (the context of the second includes the first), a trailing
 * Human turn gives none, an empty utterance gives an exchange with an empty response (it is what the
 * assistant said). A marker at the very start without the leading blank line counts too. A marker
 * typed inside a message cannot be told apart from a real one; platform attempts therefore build
 * their exchanges from their turns instead.
 */
public final class TranscriptExchanges {
    static final String HUMAN = "\n\nHuman:";
    static final String ASSISTANT = "\n\nAssistant:";

    private TranscriptExchanges() {
    }

    public static List<Exchange> split(String transcript) {
        List<Exchange> exchanges = new ArrayList<>();
        int at = firstMarker(transcript);
        while (at >= 0) {
            boolean assistant = transcript.startsWith(ASSISTANT, at) || (at == 0 && transcript.startsWith("Assistant:"));
            int textStart = transcript.indexOf(':', at) + 1;
            int next = nextMarker(transcript, textStart);
            if (assistant) {
                int end = next < 0 ? transcript.length() : next;
                exchanges.add(new Exchange(transcript.substring(0, at), transcript.substring(textStart, end).strip()));
            }
            at = next;
        }
        return exchanges;
    }

    private static int firstMarker(String transcript) {
        if (transcript.startsWith("Human:") || transcript.startsWith("Assistant:")) {
            return 0;
        }
        return nextMarker(transcript, 0);
    }

    private static int nextMarker(String transcript, int from) {
        int human = transcript.indexOf(HUMAN, from);
        int assistant = transcript.indexOf(ASSISTANT, from);
        if (human < 0) {
            return assistant;
        }
        return assistant < 0 ? human : Math.min(human, assistant);
    }
}
