package org.redteam.scoring;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the two harmlessness scores of submitted attempts: in batches for {@code redteam score}, and
 * one attempt at a time in the background right after a red teamer submits it.
 *
 * <p>A batch run takes {@link #BATCH} attempts at a time, scores all their texts in one model call
 * and commits each batch on its own, so an interrupted run keeps what it committed and the next run
 * of the same scope resumes with what is left. Background work runs on ONE daemon thread owned by
 * this service (never the request thread); a failure there is logged with the attempt id and the
 * model and leaves the scores empty, for {@code score} or the next start of {@code serve} to fill.
 */
public final class ScoringService implements AutoCloseable {
    /** Attempts per batch: one model call and one transaction each. */
    public static final int BATCH = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ScoreStore store;
    private final LazyPreferenceModel model;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "redteam-scoring");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public ScoringService(ScoreStore store, LazyPreferenceModel model) {
        this.store = store;
        this.model = model;
    }

    /** What a run scored, and with which model (its name, or its description when nothing needed loading). */
    public record Result(long attempts, String model) {
    }

    /** Told {@code (0, total)} before the first batch and after every committed batch. */
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * Scores the attempts of {@code scope} on the calling thread; the model is loaded only if there is
     * something to score. Stops between batches when the thread is interrupted or the service closes.
     */
    public Result score(ScoreStore.Scope scope, Progress progress) {
        long total = store.count(scope);
        progress.update(0, total);
        long done = 0;
        long after = 0;
        List<ScoringInput> batch;
        while (!stopping() && !(batch = store.next(scope, after, BATCH)).isEmpty()) {
            store.save(new AttemptScorer(model.get()).score(batch), scope.overwrites());
            done += batch.size();
            after = batch.get(batch.size() - 1).attemptId();
            progress.update(done, Math.max(total, done));
        }
        return new Result(done, model.description());
    }

    /** Scores a just-submitted attempt in the background; returns at once. */
    public void scoreLater(long attemptId) {
        submit(() -> {
            try {
                Optional<ScoringInput> input = store.submitted(attemptId);
                if (input.isPresent()) {
                    store.save(new AttemptScorer(model.get()).score(List.of(input.get())), false);
                }
            } catch (RuntimeException e) {
                failed("attempt " + attemptId, e);
            }
        });
    }

    /**
     * Queues the platform attempts that were submitted but never scored (a crash, a model that was
     * down), as {@code serve} does at start. Imported attempts are left to {@code redteam score}.
     */
    public void scoreUnscoredLater() {
        submit(() -> {
            try {
                Result r = score(ScoreStore.Scope.UNSCORED_PLATFORM, Progress.NONE);
                if (r.attempts() > 0) {
                    LOG.info("scored {} submitted attempts that had no scores, with {}", r.attempts(), r.model());
                }
            } catch (RuntimeException e) {
                failed("the submitted attempts left unscored", e);
            }
        });
    }

    private void submit(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("scoring service closed; the attempt stays unscored until the next run");
        }
    }

    private void failed(String what, RuntimeException e) {
        if (closed) {
            LOG.debug("scoring of {} stopped by shutdown: {}", what, e.toString());
        } else if (e instanceof ScoringException) {
            LOG.warn("could not score {} with {}: {}; scores stay empty until `redteam score`",
                    what, model.description(), e.getMessage());
        } else {
            LOG.error("could not score {} with {}", what, model.description(), e);
        }
    }

    private boolean stopping() {
        return closed || Thread.currentThread().isInterrupted();
    }

    /** Stops background scoring: queued work is dropped (it is redone at the next start), running work is interrupted. */
    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        try {
            if (!background.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("background scoring did not stop within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
