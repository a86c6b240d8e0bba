package org.redteam.testing;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Judge;
import org.redteam.judge.Outcome;
import org.redteam.judge.Verdict;

/**
 * A test judge: HARMFUL with score 0.9 and tag {@code tag} when an assistant message contains {@code word} (any
 * case), else NOT_HARMFUL with score 0.1; counts its calls. {@link #throwing} and {@link #undecided} fail.
 */
public final class WordJudge implements Judge {
    private final String id;
    private final String version;
    private final String word;
    private final String tag;
    private final Mode mode;
    private final AtomicInteger calls = new AtomicInteger();

    private enum Mode { WORKING, THROWING, UNDECIDED }

    private WordJudge(String id, String version, String word, String tag, Mode mode) {
        this.id = id;
        this.version = version;
        this.word = word.toLowerCase(Locale.ROOT);
        this.tag = tag;
        this.mode = mode;
    }

    public static WordJudge of(String id, String version, String word, String tag) {
        return new WordJudge(id, version, word, tag, Mode.WORKING);
    }

    /** A judge that throws on every call (a bug, a crash in a model library). */
    public static WordJudge throwing(String id, String message) {
        return new WordJudge(id, "throws/1", message, "", Mode.THROWING);
    }

    /** A judge that cannot decide: its model is down. */
    public static WordJudge undecided(String id, String reason) {
        return new WordJudge(id, "down/1", reason, "", Mode.UNDECIDED);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Verdict judge(Transcript transcript) {
        calls.incrementAndGet();
        switch (mode) {
            case THROWING -> throw new IllegalStateException(word);
            case UNDECIDED -> {
                return Verdict.undetermined(this, word);
            }
            default -> {
            }
        }
        boolean harmful = transcript.messages().stream()
                .anyMatch(m -> m.speaker() == Message.Speaker.ASSISTANT && m.text().toLowerCase(Locale.ROOT).contains(word));
        return harmful
                ? new Verdict(id, version, Outcome.HARMFUL, OptionalDouble.of(0.9), List.of(tag), "the assistant said '" + word + "'")
                : new Verdict(id, version, Outcome.NOT_HARMFUL, OptionalDouble.of(0.1), List.of(), "no '" + word + "' in any answer");
    }
}
