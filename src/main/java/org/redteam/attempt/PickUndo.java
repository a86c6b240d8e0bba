package org.redteam.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.StateConflictException;
import org.redteam.worker.Worker;

/**
 * Taking back a pick: within {@link #WINDOW} of making it, while the attempt is open and no later
 * message exists. The pick is stored only in its turn ({@code more_harmful}, {@code chosen_at}), which
 * comparisons, exports and preference-model training read, so clearing those undoes all of it in one
 * transaction; the attempt's row lock orders it with a concurrent send or rating.
 */
final class PickUndo {
    /** How long after a pick it can be undone. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final AttemptRepository attempts;
    private final Clock clock;

    PickUndo(AttemptRepository attempts, Clock clock) {
        this.attempts = attempts;
        this.clock = clock;
    }

    void undo(Worker worker, long attemptId, int index) {
        attempts.jdbi().useTransaction(h -> {
            attempts.lock(h, attemptId); // first, so that what is read below is current on PostgreSQL too
            AttemptRepository.Owner owner = attempts.owner(h, attemptId).filter(o -> o.workerId() == worker.id())
                    .orElseThrow(() -> new NotFoundException("no attempt " + attemptId));
            if (owner.status() == AttemptStatus.SUBMITTED) {
                throw new StateConflictException("this conversation is already rated, so its picks can no longer change");
            }
            if (!attempts.hasTurn(h, attemptId, index)) {
                throw new NotFoundException("attempt " + attemptId + " has no turn " + index);
            }
            Optional<Instant> chosenAt = attempts.chosenAt(h, attemptId, index);
            if (chosenAt.isEmpty()) {
                throw new StateConflictException("there is no pick to undo in message " + (index + 1));
            }
            if (attempts.hasTurn(h, attemptId, index + 1)) {
                throw new StateConflictException("the pick of message " + (index + 1)
                        + " can no longer be undone: a newer message was sent");
            }
            if (!attempts.undoChoice(h, attemptId, index, clock.instant().minus(WINDOW))) {
                throw new StateConflictException("the pick of message " + (index + 1) + " can no longer be undone: "
                        + "a pick can be undone only within " + WINDOW.toSeconds() + " seconds");
            }
        });
    }

    /** The index of the attempt's turn whose pick can still be undone now, if any (for the page's button). */
    Optional<Integer> undoable(Attempt attempt) {
        if (attempt.submitted() || attempt.turns().isEmpty() || attempt.awaitingChoice()) {
            return Optional.empty();
        }
        int last = attempt.turns().size() - 1;
        Instant since = clock.instant().minus(WINDOW);
        return attempts.jdbi().withHandle(h -> attempts.chosenAt(h, attempt.id(), last))
                .filter(at -> !at.isBefore(since)).map(at -> last);
    }
}
