package org.redteam.attempt;

import org.redteam.campaign.WorkSet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.JdbiException;
import org.redteam.backend.Completion;
import org.redteam.conversation.Message;
import org.redteam.backend.TextStream;
import org.redteam.campaign.Assignment;
import org.redteam.campaign.Campaign;
import org.redteam.campaign.CampaignRepository;
import org.redteam.problem.AccessDeniedException;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.problem.StateConflictException;
import org.redteam.scoring.ScoringException;
import org.redteam.storage.Constraints;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The red-team task: start an attempt on a randomly assigned target, add turns (two candidates
 * each), pick the more harmful candidate, rate and submit. Every change is committed before the
 * method returns. Model calls happen outside any transaction; a concurrent duplicate request loses
 * at the database's unique constraints and is reported as a conflict.
 */
public final class AttemptService {
    /** Longest human message, in characters (documented in docs/api.md). */
    public static final int MAX_MESSAGE = 4000;
    /** Longest task description, in characters. */
    public static final int MAX_TASK_DESCRIPTION = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(AttemptService.class);

    private final AttemptRepository attempts;
    private final IncidentRepository incidents;
    private final CampaignRepository campaigns;
    private final Campaign campaign;
    private final Clock clock;
    private final LongConsumer onSubmitted;
    private final StartGate gate;
    private final PickUndo undo;

    public AttemptService(AttemptRepository attempts, CampaignRepository campaigns, Campaign campaign, Clock clock) {
        this(attempts, campaigns, campaign, clock, id -> { });
    }

    /**
     * @param onSubmitted told the id of each attempt right after its submission is committed, on the
     *                    request thread: it must return at once and not throw (App passes the scoring
     *                    service, which queues the attempt for background scoring)
     */
    public AttemptService(AttemptRepository attempts, CampaignRepository campaigns, Campaign campaign, Clock clock,
                          LongConsumer onSubmitted) {
        this(attempts, campaigns, campaign, clock, onSubmitted, StartGate.OPEN);
    }

    /** @param gate checked before every start, in its transaction (App: the well-being survey and daily cap) */
    public AttemptService(AttemptRepository attempts, CampaignRepository campaigns, Campaign campaign, Clock clock,
                          LongConsumer onSubmitted, StartGate gate) {
        this(attempts, new IncidentRepository(attempts.jdbi()), campaigns, campaign, clock, onSubmitted, gate);
    }

    /** @param incidents where failed model calls are recorded for admins */
    public AttemptService(AttemptRepository attempts, IncidentRepository incidents, CampaignRepository campaigns,
                          Campaign campaign, Clock clock, LongConsumer onSubmitted, StartGate gate) {
        this.attempts = attempts;
        this.incidents = incidents;
        this.campaigns = campaigns;
        this.campaign = campaign;
        this.clock = clock;
        this.onSubmitted = onSubmitted;
        this.gate = gate;
        this.undo = new PickUndo(attempts, clock);
    }

    public Attempt start(Worker worker, String taskDescription) {
        requireRedTeamer(worker);
        String task = TextInput.text("taskDescription", taskDescription, MAX_TASK_DESCRIPTION);
        if (campaigns.consentTopics(worker.id(), campaign.id()).isEmpty()) {
            throw new StateConflictException("read the content warning and choose your topics first (the consent page)");
        }
        Instant now = clock.instant();
        long id = attempts.jdbi().inTransaction(h -> {
            Optional<Long> open = attempts.openAttempt(h, worker.id(), campaign.id());
            if (open.isPresent()) {
                throw new StateConflictException("attempt " + open.get() + " is still open; rate it before starting another");
            }
            gate.check(h, worker);
            long setId = campaigns.openSet(h, worker.id(), campaign.id())
                    .map(WorkSet::id)
                    .orElseGet(() -> campaigns.insertSet(h, worker.id(), campaign.id(), campaign.config().attemptsPerSet(), now));
            int position = campaigns.attemptsInSet(h, setId) + 1;
            long seq = campaigns.nextAssignmentSeq(h, campaign.id());
            long targetId = Assignment.choose(campaign.targets().stream().map(Target::rowId).toList(),
                    campaigns.attemptCounts(h, campaign.id(), Optional.empty()),
                    campaigns.attemptCounts(h, campaign.id(), Optional.of(worker.id())),
                    campaign.assignmentSeed(), seq);
            return attempts.insertPlatformAttempt(h, campaign.id(), targetId, worker.id(), setId, position, seq, task, now);
        });
        return attempts.find(id).orElseThrow();
    }

    /** The attempt, if the worker owns it or is an admin; 404 otherwise, so ids reveal nothing. */
    public Attempt get(Worker worker, long attemptId) {
        Attempt attempt = attempts.find(attemptId).orElseThrow(() -> notFound(attemptId));
        if (attempt.workerId() != worker.id() && !worker.has(Role.ADMIN)) {
            throw notFound(attemptId);
        }
        return attempt;
    }

    /** Every rejection-sampling sample of the attempt's turns with its score, by turn index; admins only. */
    public java.util.Map<Integer, List<org.redteam.backend.Sample>> samples(Worker admin, long attemptId) {
        if (!admin.has(Role.ADMIN)) {
            throw new AccessDeniedException("only admins see the samples behind a turn");
        }
        return attempts.samples(attemptId);
    }

    /** The worker's open attempt in this campaign, if any. */
    public Optional<Attempt> openAttempt(Worker worker) {
        return attempts.openAttempt(worker.id(), campaign.id()).flatMap(attempts::find);
    }

    public Turn addTurn(Worker worker, long attemptId, String message) {
        return addTurn(worker, attemptId, message, TextStream.NONE);
    }

    /**
     * Sends the red teamer's message and stores the turn with its two candidates (A = completion 0,
     * B = completion 1) once both are complete; a streaming backend passes their text to {@code stream}
     * as it is written. When the backend fails no turn is stored: the red teamer sends the message again.
     * The failure is stored as an {@link Incident} and logged at WARN with its code; the red teamer, blind
     * to the target, is told only that the assistant is unavailable and the code.
     *
     * @throws BackendUnavailableException {@link BackendUnavailableException#reported reported} as an incident:
     *                                     the generic message, the code, the failure's 502/503/504
     */
    public Turn addTurn(Worker worker, long attemptId, String message, TextStream stream) {
        Attempt attempt = owned(worker, attemptId);
        String text = TextInput.text("message", message, MAX_MESSAGE);
        requireOpen(attempt);
        if (attempt.awaitingChoice()) {
            throw new StateConflictException("attempt " + attemptId + ": pick the more harmful response of turn "
                    + (attempt.turns().size() - 1) + " before sending another message");
        }
        if (attempt.turns().size() >= campaign.config().maxTurns()) {
            throw new StateConflictException("attempt " + attemptId + ": the conversation has reached its limit of "
                    + campaign.config().maxTurns() + " turns; end it and rate it");
        }
        Target target = campaign.target(attempt.targetRowId()).orElseThrow(() -> new StateConflictException(
                "attempt " + attemptId + ": its target is no longer part of the campaign; end it and rate it"));
        int index = attempt.turns().size();
        List<Message> conversation = new ArrayList<>(Turn.transcript(attempt.turns()).messages());
        conversation.add(Message.human(text));
        List<Completion> candidates;
        try {
            candidates = target.respond(conversation, 2, attemptId * 1_000 + index, stream);
        } catch (BackendUnavailableException e) {
            throw incident(attempt, target, e.prefixed("model backend " + target.id() + " failed: "));
        } catch (ScoringException e) {
            // The preference model of rejection sampling: its message would tell the red teamer how the target is built.
            throw incident(attempt, target, new BackendUnavailableException(BackendUnavailableException.Failure.BAD_GATEWAY,
                    "target " + target.id() + ": rejection sampling could not score its samples: " + e.getMessage(), e));
        }
        if (candidates.size() != 2) {
            throw incident(attempt, target, new BackendUnavailableException("target " + target.id() + " returned "
                    + candidates.size() + " responses instead of 2 for attempt " + attemptId));
        }
        Instant now = clock.instant();
        try {
            return attempts.jdbi().inTransaction(h -> {
                attempts.lock(h, attemptId);
                requireOpen(attemptId, attempts.owner(h, attemptId).orElseThrow().status());
                if (index > 0 && !attempts.chosenSide(h, attemptId, index - 1).equals(attempt.turns().get(index - 1).moreHarmful())) {
                    throw new StateConflictException("attempt " + attemptId + ": the pick before this message was changed while it was sent");
                }
                return attempts.insertTurn(h, attemptId, index, text, candidates.get(0), candidates.get(1), now);
            });
        } catch (JdbiException e) {
            if (Constraints.isUniqueViolation(e)) {
                throw new StateConflictException("attempt " + attemptId + ": turn " + index + " was added by another request");
            }
            throw e;
        }
    }

    /** Records the pick of the more harmful response of a turn; one read and one write in one transaction. */
    public void choose(Worker worker, long attemptId, int index, Side moreHarmful) {
        boolean recorded = attempts.jdbi().inTransaction(h -> {
            AttemptRepository.Owner owner = attempts.owner(h, attemptId)
                    .filter(o -> o.workerId() == worker.id()).orElseThrow(() -> notFound(attemptId));
            requireOpen(attemptId, owner.status());
            if (attempts.choose(h, attemptId, index, moreHarmful, clock.instant())) {
                return true;
            }
            if (index < 0 || !attempts.hasTurn(h, attemptId, index)) {
                throw new NotFoundException("attempt " + attemptId + " has no turn " + index);
            }
            return false;
        });
        if (!recorded) {
            throw new StateConflictException("attempt " + attemptId + ": turn " + index + " already has a choice");
        }
    }

    /** Clears the pick of turn {@code index} within 10 s of it while no newer message exists and the attempt is open. */
    public void undoChoice(Worker worker, long attemptId, int index) {
        undo.undo(worker, attemptId, index);
    }

    /** The turn whose pick the attempt's owner can still undo now, if any. */
    public Optional<Integer> undoablePick(Attempt attempt) {
        return undo.undoable(attempt);
    }

    /**
     * Rates and submits the attempt. When it completes the worker's set, the set gets its completion
     * code in the same transaction. After the commit the attempt goes to {@code onSubmitted} (scoring,
     * in the background); the answer never waits for the preference model.
     */
    public Attempt rate(Worker worker, long attemptId, int rating) {
        Attempt attempt = owned(worker, attemptId);
        if (rating < 0 || rating > 4) {
            throw new InvalidInputException("rating: must be a whole number from 0 to 4, got " + rating);
        }
        requireOpen(attempt);
        if (attempt.turns().isEmpty()) {
            throw new StateConflictException("attempt " + attemptId + ": send at least one message before rating");
        }
        if (attempt.awaitingChoice()) {
            throw new StateConflictException("attempt " + attemptId + ": pick the more harmful response of the last turn before rating");
        }
        Instant now = clock.instant();
        attempts.jdbi().useTransaction(h -> {
            attempts.lock(h, attemptId);
            if (attempts.chosenSide(h, attemptId, attempt.turns().size() - 1).isEmpty()) {
                throw new StateConflictException("attempt " + attemptId + ": a pick was undone; pick again before rating");
            }
            if (!attempts.submit(h, attemptId, rating, now)) {
                throw new StateConflictException("attempt " + attemptId + " is already submitted");
            }
            attempt.workSetId().ifPresent(setId -> campaigns.workSet(setId).ifPresent(set -> {
                if (campaigns.submittedInSet(h, setId) >= set.size()) {
                    campaigns.completeSet(h, setId, org.redteam.worker.Secrets.completionCode(), now);
                }
            }));
        });
        onSubmitted.accept(attemptId);
        return attempts.find(attemptId).orElseThrow();
    }

    /** Records the failure for admins, logs it with its code, and returns what the red teamer is told. */
    private BackendUnavailableException incident(Attempt attempt, Target target, BackendUnavailableException failure) {
        String code = Incident.newCode();
        incidents.insert(code, clock.instant(), attempt.id(), attempt.workerId(), target.rowId(), failure.failure(),
                failure.getMessage());
        LOG.warn("incident {}: attempt {} (worker {}): {}", code, attempt.id(), attempt.workerId(), failure.getMessage());
        return failure.reported(code);
    }

    private Attempt owned(Worker worker, long attemptId) {
        Attempt attempt = attempts.find(attemptId).orElseThrow(() -> notFound(attemptId));
        if (attempt.workerId() != worker.id()) {
            throw notFound(attemptId);
        }
        return attempt;
    }

    private static void requireOpen(Attempt attempt) {
        requireOpen(attempt.id(), attempt.status());
    }

    private static void requireOpen(long attemptId, AttemptStatus status) {
        if (status == AttemptStatus.SUBMITTED) {
            throw new StateConflictException("attempt " + attemptId + " is submitted and can no longer change");
        }
    }

    private static void requireRedTeamer(Worker worker) {
        if (!worker.has(Role.RED_TEAMER)) {
            throw new AccessDeniedException("only red teamers can start attempts");
        }
    }

    private static NotFoundException notFound(long attemptId) {
        return new NotFoundException("no attempt " + attemptId);
    }
}
