package org.redteam.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation in the released transcript layout, {@code "\n\nHuman: …\n\nAssistant: …"} repeated —
 * the only place that knows that layout. Renders messages to it ({@link #render}, {@link #prompt}) and
 * parses it back ({@link #parse}, {@link #exchanges(String)}).
 *
 * <p>Rendering writes a marker with one space after the colon before every message. Parsing is lenient,
 * as released and imported files are: a marker is {@code "\n\nHuman:"} or {@code "\n\nAssistant:"}
 * (the space after it optional), or {@code "Human:"} / {@code "Assistant:"} at the very start; a
 * message's text runs to the next marker of either speaker and is stripped. A marker typed inside a
 * message cannot be told apart from a real one once rendered, so the platform builds its own exchanges
 * from its messages ({@link #exchanges()}), never by parsing what it rendered.
 */
public record Transcript(List<Message> messages) {
    /** What comes before a human message when rendering. */
    public static final String HUMAN = "\n\nHuman: ";
    /** What comes before an assistant message when rendering. */
    public static final String ASSISTANT = "\n\nAssistant: ";
    /**
     * Where a completion model must stop: the start of the next human turn. Also what a prompt ends with
     * for it to continue, without the space: {@code "\n\nAssistant:"} (base models saw it so in training).
     */
    public static final String STOP = HUMAN.stripTrailing();
    static final String HUMAN_MARKER = HUMAN.stripTrailing();
    static final String ASSISTANT_MARKER = ASSISTANT.stripTrailing();

    public Transcript {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    }

    public static Transcript of(List<Message> messages) {
        return new Transcript(messages);
    }

    /** This conversation followed by {@code message}. */
    public Transcript plus(Message message) {
        List<Message> more = new ArrayList<>(messages);
        more.add(message);
        return new Transcript(more);
    }

    /** The released layout: each message after its speaker's marker, nothing else. */
    public String render() {
        StringBuilder text = new StringBuilder();
        for (Message m : messages) {
            text.append(marker(m.speaker())).append(m.text());
        }
        return text.toString();
    }

    /** The prompt for a completion model: {@link #render} and then {@code "\n\nAssistant:"} to continue. */
    public String prompt() {
        return render() + ASSISTANT_MARKER;
    }

    /**
     * One exchange per assistant message: the context is the rendering of every message before it, the
     * response its text, stripped. A marker typed inside a message stays inside it.
     */
    public List<Exchange> exchanges() {
        List<Exchange> exchanges = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        for (Message m : messages) {
            if (m.speaker() == Message.Speaker.ASSISTANT) {
                exchanges.add(new Exchange(context.toString(), m.text().strip()));
            }
            context.append(marker(m.speaker())).append(m.text());
        }
        return exchanges;
    }

    /** The first human message's text, if any. */
    public Optional<String> firstHuman() {
        return messages.stream().filter(m -> m.speaker() == Message.Speaker.HUMAN).map(Message::text).findFirst();
    }

    /** The last human message's text, if any. */
    public Optional<String> lastHuman() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).speaker() == Message.Speaker.HUMAN) {
                return Optional.of(messages.get(i).text());
            }
        }
        return Optional.empty();
    }

    static String marker(Message.Speaker speaker) {
        return speaker == Message.Speaker.HUMAN ? HUMAN : ASSISTANT;
    }

    /**
     * The messages of a transcript in the released layout, texts stripped. Text before the first marker
     * is dropped, except that a transcript with no marker at all is one human message (when not blank).
     */
    public static Transcript parse(String released) {
        List<Message> messages = new ArrayList<>();
        for (Span s : spans(released)) {
            messages.add(new Message(s.speaker, released.substring(s.textStart, s.end).strip()));
        }
        if (messages.isEmpty() && !released.isBlank()) {
            messages.add(Message.human(released.strip()));
        }
        return new Transcript(messages);
    }

    /**
     * One exchange per assistant utterance of a transcript in the released layout, as it came: the
     * context is the transcript up to that utterance's marker, verbatim; the response its text, stripped.
     * Several assistant utterances in a row each give one (the later ones see the earlier in their
     * context); an empty utterance gives an empty response; a trailing human turn gives none.
     */
    public static List<Exchange> exchanges(String released) {
        List<Exchange> exchanges = new ArrayList<>();
        for (Span s : spans(released)) {
            if (s.speaker == Message.Speaker.ASSISTANT) {
                exchanges.add(new Exchange(released.substring(0, s.markerStart), released.substring(s.textStart, s.end).strip()));
            }
        }
        return exchanges;
    }

    /** A marked utterance: where its marker starts, where its text starts and ends. */
    private record Span(Message.Speaker speaker, int markerStart, int textStart, int end) {
    }

    private static List<Span> spans(String t) {
        List<Span> spans = new ArrayList<>();
        int at = t.startsWith("Human:") || t.startsWith("Assistant:") ? 0 : nextMarker(t, 0);
        while (at >= 0) {
            boolean assistant = t.startsWith(ASSISTANT_MARKER, at) || (at == 0 && t.startsWith("Assistant:"));
            int textStart = t.indexOf(':', at) + 1;
            int next = nextMarker(t, textStart);
            spans.add(new Span(assistant ? Message.Speaker.ASSISTANT : Message.Speaker.HUMAN, at, textStart,
                    next < 0 ? t.length() : next));
            at = next;
        }
        return spans;
    }

    private static int nextMarker(String t, int from) {
        int human = t.indexOf(HUMAN_MARKER, from);
        int assistant = t.indexOf(ASSISTANT_MARKER, from);
        if (human < 0) {
            return assistant;
        }
        return assistant < 0 ? human : Math.min(human, assistant);
    }
}
