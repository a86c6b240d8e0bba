package org.redteam.judge;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives submitted attempts the verdicts of the configured judges, on the whole attempt and on each assistant turn:
 * in the background right after a red teamer submits an attempt and at the platform's start (attempts without a
 * verdict of a judge's current id and version), and on the calling thread for {@code redteam judge run}.
 *
 * <p>Background work runs on ONE daemon thread owned by this service, never a request thread. A judge that fails
 * (throws, although judges should not) leaves UNDETERMINED verdicts with the reason; the attempt itself is never
 * touched. Each attempt × judge is saved in its own transaction, so an interrupted run keeps what it saved and the
 * next one goes on with what is left.
 */
public final class JudgingService implements AutoCloseable {
    /** Attempt ids read per query. */
    static final int BATCH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(JudgingService.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final VerdictRepository verdicts;
    private final Transcripts transcripts;
    private final List<Judge> judges;
    private final OptionalLong campaign;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "redteam-judging");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * @param campaign the campaign whose attempts background catch-up judges (the running one); empty: every
     *                 submitted attempt in the store
     */
    public JudgingService(VerdictRepository verdicts, Transcripts transcripts, List<Judge> judges, OptionalLong campaign,
                          Clock clock) {
        this.verdicts = verdicts;
        this.transcripts = transcripts;
        this.judges = List.copyOf(judges);
        this.campaign = campaign;
        this.clock = clock;
    }

    public List<Judge> judges() {
        return judges;
    }

    /** What a run judged: attempt × judge verdicts stored, counted by their outcome. */
    public record Result(long verdicts, Map<Outcome, Long> byOutcome) {
        public long count(Outcome outcome) {
            return byOutcome.getOrDefault(outcome, 0L);
        }
    }

    /** Told {@code (0, total)} first and after every attempt × judge judged. */
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * Judges, on the calling thread, the submitted attempts each of {@code chosen} has not judged in its current
     * version ({@code all}: every submitted attempt again, replacing stored verdicts). Stops between attempts when
     * the thread is interrupted or the service closes.
     */
    public Result run(List<Judge> chosen, boolean all, Progress progress) {
        long total = chosen.stream().mapToLong(j -> verdicts.count(j, all, campaign)).sum();
        progress.update(0, total);
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        long done = 0;
        for (Judge judge : chosen) {
            int parallel = Math.max(1, judge.parallelism());
            ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
                Thread t = new Thread(r, "redteam-judge-" + judge.id());
                t.setDaemon(true);
                return t;
            });
            try {
                long after = 0;
                List<Long> ids;
                while (!stopping() && !(ids = verdicts.next(judge, all, campaign, after, BATCH)).isEmpty()) {
                    // up to the judge's parallelism at once; outcomes and progress in id order
                    List<Future<Optional<Outcome>>> judged = ids.stream()
                            .map(id -> pool.submit(() -> stopping() ? Optional.<Outcome>empty() : judgeOne(judge, id))).toList();
                    for (Future<Optional<Outcome>> f : judged) {
                        Optional<Outcome> outcome = await(f);
                        outcome.ifPresent(o -> byOutcome.merge(o, 1L, Long::sum));
                        done++;
                        progress.update(done, Math.max(total, done));
                    }
                    after = ids.get(ids.size() - 1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return new Result(byOutcome.values().stream().mapToLong(Long::longValue).sum(), byOutcome);
    }

    /** The outcome of one judged attempt; empty when it failed or the wait was interrupted (which is kept). */
    private static Optional<Outcome> await(Future<Optional<Outcome>> judged) {
        try {
            return judged.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            judged.cancel(true);
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
    }

    /** Every configured judge judges a just-submitted attempt in the background; returns at once. */
    public void judgeLater(long attemptId) {
        if (judges.isEmpty()) {
            return;
        }
        submit(() -> judges.forEach(judge -> judgeOne(judge, attemptId)));
    }

    /**
     * Queues the submitted attempts some configured judge has not judged in its current version (a crash, a judge
     * added to the campaign or changed), as the platform does at start.
     */
    public void judgeUnjudgedLater() {
        if (judges.isEmpty()) {
            return;
        }
        submit(() -> {
            Result r = run(judges, false, Progress.NONE);
            if (r.verdicts() > 0) {
                LOG.info("judged {} attempt × judge pairs left unjudged", r.verdicts());
            }
        });
    }

    /** The attempt judged by {@code judge} and its verdicts saved; the outcome, or empty when there was no such attempt. */
    private Optional<Outcome> judgeOne(Judge judge, long attemptId) {
        try {
            Optional<Transcript> transcript = transcripts.submitted(attemptId);
            if (transcript.isEmpty()) {
                return Optional.empty();
            }
            Verdict verdict = verdict(judge, transcript.get());
            verdicts.save(attemptId, verdict, turnVerdicts(judge, transcript.get()), clock.instant());
            return Optional.of(verdict.outcome());
        } catch (RuntimeException e) {
            if (closed) {
                LOG.debug("judging of attempt {} by {} stopped by shutdown: {}", attemptId, judge.id(), e.toString());
            } else {
                LOG.error("could not store the verdict of judge {} on attempt {}", judge.id(), attemptId, e);
            }
            return Optional.empty();
        }
    }

    private Verdict verdict(Judge judge, Transcript transcript) {
        try {
            return stamped(judge, judge.judge(transcript));
        } catch (RuntimeException e) {
            LOG.warn("judge {} failed: {}", judge.id(), e.toString());
            return Verdict.undetermined(judge, failure(e));
        }
    }

    private List<Verdict> turnVerdicts(Judge judge, Transcript transcript) {
        long assistantTurns = transcript.messages().stream().filter(m -> m.speaker() == Message.Speaker.ASSISTANT).count();
        try {
            List<Verdict> turns = judge.judgeTurns(transcript).stream().map(v -> stamped(judge, v)).toList();
            if (turns.size() == assistantTurns) {
                return turns;
            }
            return undetermined(judge, "the judge gave " + turns.size() + " turn verdicts for " + assistantTurns
                    + " assistant turns", assistantTurns);
        } catch (RuntimeException e) {
            return undetermined(judge, failure(e), assistantTurns);
        }
    }

    private static List<Verdict> undetermined(Judge judge, String reason, long n) {
        return java.util.stream.LongStream.range(0, n).mapToObj(i -> Verdict.undetermined(judge, reason)).toList();
    }

    /** The verdict under the judge's own id and version, whatever the judge wrote in it. */
    private static Verdict stamped(Judge judge, Verdict v) {
        return new Verdict(judge.id(), judge.version(), v.outcome(), v.score(), v.tags(), v.rationale());
    }

    private static String failure(RuntimeException e) {
        return "the judge failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void submit(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("judging service closed; the attempt is judged at the next start or by `redteam judge run`");
        }
    }

    private boolean stopping() {
        return closed || Thread.currentThread().isInterrupted();
    }

    /** Stops background judging: queued work is dropped (redone at the next start), running work is interrupted. */
    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        try {
            if (!background.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("background judging did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
