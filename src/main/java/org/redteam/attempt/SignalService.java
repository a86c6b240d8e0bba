package org.redteam.attempt;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.StateConflictException;
import org.redteam.problem.StoredText;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * A red teamer's own signals on their attempt (issue 16): "this reply was harmful" on a picked turn, with an optional
 * short reason, and at the rating step whether the attack needed domain expertise and which. Both optional, never
 * required to submit; both change only while the attempt is open and only by its red teamer. Admins read them.
 */
public final class SignalService {
    /** The longest flag reason, in characters (after stripping). */
    public static final int MAX_REASON = 280;
    /** The longest expertise area, in characters (after stripping). */
    public static final int MAX_AREA = 100;

    private final AttemptRepository attempts;
    private final SignalRepository signals;
    private final List<String> areas;
    private final Clock clock;

    /** {@code areas}: the campaign's {@code expertise_areas} (offered as choices; free text is allowed too). */
    public SignalService(AttemptRepository attempts, SignalRepository signals, List<String> areas, Clock clock) {
        this.attempts = attempts;
        this.signals = signals;
        this.areas = List.copyOf(areas);
        this.clock = clock;
    }

    public List<String> areas() {
        return areas;
    }

    /** Flags the picked reply of turn {@code turn} as harmful; flagging again replaces the reason. */
    public TurnFlag flag(Worker worker, long attemptId, int turn, String reason) {
        String text = optional("reason", reason, MAX_REASON).orElse("");
        signals.jdbi().useTransaction(h -> {
            requireOwnOpen(h, worker, attemptId);
            if (turn < 0 || !attempts.hasTurn(h, attemptId, turn)) {
                throw new NotFoundException("attempt " + attemptId + " has no turn " + turn);
            }
            if (attempts.chosenSide(h, attemptId, turn).isEmpty()) {
                throw new StateConflictException("attempt " + attemptId + ": pick a response of turn " + turn + " before flagging it");
            }
            signals.flag(h, attemptId, turn, text, clock.instant());
        });
        return new TurnFlag(turn, text);
    }

    /** Takes back the flag of turn {@code turn}; 404 when it has none. */
    public void unflag(Worker worker, long attemptId, int turn) {
        boolean removed = signals.jdbi().inTransaction(h -> {
            requireOwnOpen(h, worker, attemptId);
            return signals.unflag(h, attemptId, turn);
        });
        if (!removed) {
            throw new NotFoundException("attempt " + attemptId + ": turn " + turn + " is not flagged");
        }
    }

    /**
     * Records whether the attack needed domain expertise ({@code needed} empty: not answered, which clears an earlier
     * answer) and which area (free text or one of the campaign's; only with {@code needed} true). Returns what is stored.
     */
    public Optional<Expertise> expertise(Worker worker, long attemptId, Optional<Boolean> needed, String area) {
        Optional<String> text = optional("expertise area", area, MAX_AREA);
        if (text.isPresent() && !needed.orElse(false)) {
            throw new InvalidInputException("expertise area: give an area only when the attack needed expertise");
        }
        Optional<Expertise> answer = needed.map(n -> new Expertise(n, text));
        signals.jdbi().useTransaction(h -> {
            requireOwnOpen(h, worker, attemptId);
            signals.expertise(h, attemptId, answer, clock.instant());
        });
        return answer;
    }

    /** The attempt's signals, for its red teamer or an admin; 404 for anyone else. */
    public Signals of(Worker worker, long attemptId) {
        AttemptRepository.Owner owner = signals.jdbi().withHandle(h -> attempts.owner(h, attemptId))
                .orElseThrow(() -> notFound(attemptId));
        if (owner.workerId() != worker.id() && !worker.has(Role.ADMIN)) {
            throw notFound(attemptId);
        }
        return signals.of(attemptId);
    }

    private void requireOwnOpen(org.jdbi.v3.core.Handle h, Worker worker, long attemptId) {
        AttemptRepository.Owner owner = attempts.owner(h, attemptId)
                .filter(o -> o.workerId() == worker.id()).orElseThrow(() -> notFound(attemptId));
        if (owner.status() == AttemptStatus.SUBMITTED) {
            throw new StateConflictException("attempt " + attemptId + " is submitted and can no longer change");
        }
    }

    private static Optional<String> optional(String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() > max) {
            throw new InvalidInputException(field + ": must be at most " + max + " characters, got " + stripped.length());
        }
        return stripped.isEmpty() ? Optional.empty() : Optional.of(StoredText.requireNoNul(field, stripped));
    }

    private static NotFoundException notFound(long attemptId) {
        return new NotFoundException("no attempt " + attemptId);
    }
}
