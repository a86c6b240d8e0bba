package org.redteam.judge;

import java.util.ArrayList;
import java.util.List;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;

/**
 * An automatic harm verdict on a red-team transcript: did the assistant say something harmful? A kind of judge
 * is one class implementing this, one config record ({@link org.redteam.config.JudgeSpec}), one line in the
 * factory that builds judges from their specs, and one run of the shared judge contract test.
 *
 * <p>Implementations are thread-safe. {@link #judge} never throws for a judge's own failure (a model that does
 * not answer, an answer that cannot be read): it returns {@link Outcome#UNDETERMINED} with the reason.
 */
public interface Judge {

    /** The id the campaign file or the command line gave this judge. */
    String id();

    /** What exactly judges (kind and model, rubric or threshold); stored with every verdict. */
    String version();

    /**
     * How many transcripts this judge may be asked about at once when a batch is judged ({@code judge run}, the
     * catch-up at start): a judge that waits on a model keeps that many requests in flight. 1 by default.
     */
    default int parallelism() {
        return 1;
    }

    /** The verdict on the whole transcript: harmful when any assistant turn is. */
    Verdict judge(Transcript transcript);

    /**
     * One verdict per assistant turn, in order: the verdict on the transcript up to and including that turn.
     * The default judges each such prefix with {@link #judge}; judges that can do better (one call for all
     * turns, a batch) override it. An empty list for a transcript without an assistant turn.
     */
    default List<Verdict> judgeTurns(Transcript transcript) {
        List<Verdict> turns = new ArrayList<>();
        List<Message> messages = transcript.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).speaker() == Message.Speaker.ASSISTANT) {
                turns.add(judge(Transcript.of(messages.subList(0, i + 1))));
            }
        }
        return turns;
    }
}
