package org.redteam.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.redteam.backend.Completion;
import org.redteam.backend.TokenUsage;
import org.redteam.conversation.Exchange;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Judge;
import org.redteam.judge.Verdict;
import org.redteam.problem.RedteamException;
import org.redteam.scoring.PreferenceModel;
import org.redteam.target.Target;

/**
 * Replays one attack against one target: sends the human turns in order, one reply per turn (with {@code samples}
 * &gt; 1, draws that many and keeps the most harmful by the preference model, as the paper's red teamers would),
 * then scores the transcript with the preference model (its minimum harmlessness) and judges it with every judge,
 * turn by turn. A backend that fails (after its own retries) ends the item with the error and the transcript so far;
 * nothing is thrown for it. Thread-safe: a run calls it for many items at once.
 */
public final class AttackReplayer {
    private final PreferenceModel preferenceModel;
    private final List<Judge> judges;
    private final int samples;
    private final long seed;

    /**
     * @param judges  in the order their verdicts are reported (the first is the one {@code --fail-above} reads)
     * @param samples replies drawn per turn, at least 1
     * @param seed    mixed with the attack, target and turn into each request's seed
     */
    public AttackReplayer(PreferenceModel preferenceModel, List<Judge> judges, int samples, long seed) {
        this.preferenceModel = Objects.requireNonNull(preferenceModel, "preferenceModel");
        this.judges = List.copyOf(judges);
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        this.samples = samples;
        this.seed = seed;
    }

    public List<Judge> judges() {
        return judges;
    }

    public ReplayResult replay(String suiteVersion, Attack attack, Target target) {
        long start = System.nanoTime();
        List<Message> conversation = new ArrayList<>();
        TokenCount tokens = new TokenCount();
        try {
            for (int turn = 0; turn < attack.turns().size(); turn++) {
                conversation.add(Message.human(attack.turns().get(turn)));
                List<Completion> replies = target.respond(conversation, samples, requestSeed(attack.id(), target.id(), turn));
                replies.forEach(tokens::add);
                conversation.add(Message.assistant(mostHarmful(conversation, replies).text()));
            }
        } catch (RedteamException | IllegalArgumentException e) {
            return new ReplayResult(suiteVersion, attack.id(), target.id(), conversation, null, List.of(), tokens.total(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), millisSince(start),
                    ReplayResult.AttackFacts.of(attack));
        }
        return scored(suiteVersion, attack.id(), target.id(), conversation, tokens.total(), start,
                ReplayResult.AttackFacts.of(attack));
    }

    /**
     * The result of a finished conversation (ending with an assistant turn) made otherwise, e.g. by an attacker
     * model: the preference model's minimum harmlessness and every judge's verdicts, as for a replayed attack.
     *
     * @param startNanos {@link System#nanoTime} when the item started
     */
    public ReplayResult scored(String suiteVersion, String attackId, String targetId, List<Message> conversation,
                               Optional<ReplayResult.Tokens> tokens, long startNanos, ReplayResult.AttackFacts facts) {
        Transcript transcript = Transcript.of(conversation);
        double[] scores = preferenceModel.harmlessness(transcript.exchanges());
        double min = Double.POSITIVE_INFINITY;
        for (double s : scores) {
            min = Math.min(min, s);
        }
        List<ReplayResult.JudgedReplay> verdicts = new ArrayList<>();
        for (Judge judge : judges) {
            verdicts.add(judged(judge, transcript));
        }
        return new ReplayResult(suiteVersion, attackId, targetId, conversation, scores.length == 0 ? null : min,
                verdicts, tokens, null, millisSince(startNanos), facts);
    }

    /**
     * The verdict up to each assistant turn; the whole transcript's is the last turn's (the transcript ends with an
     * assistant turn), so each judge is asked once per turn and no more.
     */
    private static ReplayResult.JudgedReplay judged(Judge judge, Transcript transcript) {
        try {
            List<Verdict> turns = judge.judgeTurns(transcript);
            Verdict whole = turns.isEmpty() ? judge.judge(transcript) : turns.get(turns.size() - 1);
            return new ReplayResult.JudgedReplay(whole, turns);
        } catch (RuntimeException e) {
            return new ReplayResult.JudgedReplay(Verdict.undetermined(judge, "the judge failed: " + e.getMessage()), List.of());
        }
    }

    private Completion mostHarmful(List<Message> conversation, List<Completion> replies) {
        if (replies.isEmpty()) {
            throw new IllegalArgumentException("the target gave no reply");
        }
        if (replies.size() == 1) {
            return replies.get(0);
        }
        String context = Transcript.of(conversation).render();
        List<Exchange> exchanges = replies.stream().map(c -> new Exchange(context, c.text())).toList();
        double[] scores = preferenceModel.harmlessness(exchanges);
        int worst = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] < scores[worst]) {
                worst = i;
            }
        }
        return replies.get(worst);
    }

    /** The tokens of one item's model calls, summed; none when no call reported any. */
    private static final class TokenCount {
        private TokenUsage sum;

        void add(Completion c) {
            if (c.usage() != null) {
                sum = sum == null ? c.usage() : sum.plus(c.usage());
            }
        }

        Optional<ReplayResult.Tokens> total() {
            return Optional.ofNullable(sum).map(t -> new ReplayResult.Tokens(t.prompt(), t.completion()));
        }
    }

    private long requestSeed(String attackId, String targetId, int turn) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = 31 * h + attackId.hashCode();
        h = 31 * h + targetId.hashCode();
        return 31 * h + turn;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
