package org.redteam.attempt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.redteam.backend.Completion;
import org.redteam.backend.TextStream;
import org.redteam.campaign.Campaign;
import org.redteam.conversation.Message;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.NotFoundException;
import org.redteam.scoring.ScoringException;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automated attacks: an automation worker's tool sends a conversation ending with a human message to a target (with
 * its interventions) and gets {@code n} replies. Each conversation is stored as an automated attempt of the worker,
 * apart from human attempts: a conversation whose earlier messages are exactly one this worker already stored against
 * that target (the stored human turns and the returned replies, choice 0 when {@code n > 1}) continues that attempt;
 * any other is a new attempt holding the earlier exchanges as given and the new one.
 */
public final class AutomationService {
    /** Most replies one request may ask for ({@code n}). */
    public static final int MAX_N = 8;
    private static final Logger LOG = LoggerFactory.getLogger(AutomationService.class);

    private final AutomatedAttemptRepository attempts;
    private final Campaign campaign;
    private final Clock clock;

    public AutomationService(AutomatedAttemptRepository attempts, Campaign campaign, Clock clock) {
        this.attempts = attempts;
        this.campaign = campaign;
        this.clock = clock;
    }

    /** The replies and where they were stored. */
    public record Reply(long attemptId, int turnIndex, List<Completion> completions) {
        public Reply {
            completions = List.copyOf(completions);
        }
    }

    /** The campaign's active targets, the models an automation worker may name. */
    public List<Target> targets(Worker worker) {
        worker.require(Role.AUTOMATION, "this needs an API token of a worker with the automation role");
        return campaign.targets();
    }

    /**
     * Answers {@code conversation} (alternating human and assistant messages, ending with a human one) from target
     * {@code targetId}, streaming text to {@code stream} as a streaming backend writes it, and stores the exchange
     * before returning.
     *
     * @throws NotFoundException            no active target has this id
     * @throws BackendUnavailableException  the backend failed: logged with an incident code, and reported with the
     *                                      code only (no upstream detail)
     */
    public Reply complete(Worker worker, String targetId, List<Message> conversation, int n, long seed, TextStream stream) {
        Target target = targets(worker).stream().filter(t -> t.id().equals(targetId)).findFirst()
                .orElseThrow(() -> new NotFoundException("model: no target '" + targetId + "' in this campaign (GET /v1/models lists them)"));
        if (n < 1 || n > MAX_N) {
            throw new InvalidInputException("n: must be from 1 to " + MAX_N + ", got " + n);
        }
        requireShape(conversation);
        List<Completion> replies;
        try {
            replies = target.respond(conversation, n, seed, stream);
        } catch (BackendUnavailableException e) {
            throw reported(worker, target, e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("n: target " + targetId + " cannot give " + n + " replies: " + e.getMessage());
        } catch (ScoringException e) {
            throw reported(worker, target, new BackendUnavailableException(BackendUnavailableException.Failure.BAD_GATEWAY,
                    "rejection sampling could not score its samples: " + e.getMessage(), e));
        }
        if (replies.size() != n) {
            throw reported(worker, target, new BackendUnavailableException("returned " + replies.size() + " responses instead of " + n));
        }
        Completion kept = replies.get(0);
        List<Message> earlier = conversation.subList(0, conversation.size() - 1);
        String human = conversation.get(conversation.size() - 1).text();
        String before = hash(earlier);
        List<Message> after = new java.util.ArrayList<>(conversation);
        after.add(Message.assistant(kept.text()));
        String hash = hash(after);
        Instant now = clock.instant();
        return attempts.jdbi().inTransaction(h -> {
            Optional<Long> continued = earlier.isEmpty() ? Optional.empty()
                    : attempts.continuing(h, worker.id(), target.rowId(), before);
            if (continued.isPresent() && attempts.advance(h, continued.get(), before, hash, now)) {
                int index = attempts.turnCount(h, continued.get());
                attempts.insertTurn(h, continued.get(), index, human, kept.text(), kept.finishReason(), now);
                return new Reply(continued.get(), index, replies);
            }
            long id = attempts.insertAttempt(h, campaign.id(), target.rowId(), worker.id(), hash, now);
            for (int i = 0; i + 1 < earlier.size(); i += 2) {
                attempts.insertTurn(h, id, i / 2, earlier.get(i).text(), earlier.get(i + 1).text(), "given", now);
            }
            attempts.insertTurn(h, id, earlier.size() / 2, human, kept.text(), kept.finishReason(), now);
            return new Reply(id, earlier.size() / 2, replies);
        });
    }

    public Optional<AutomatedAttemptRepository.AutomatedAttempt> find(long attemptId) {
        return attempts.find(attemptId);
    }

    private static void requireShape(List<Message> conversation) {
        if (conversation.isEmpty() || conversation.size() % 2 == 0) {
            throw new InvalidInputException("messages: must alternate user and assistant messages and end with a user message");
        }
        for (int i = 0; i < conversation.size(); i++) {
            Message.Speaker expected = i % 2 == 0 ? Message.Speaker.HUMAN : Message.Speaker.ASSISTANT;
            if (conversation.get(i).speaker() != expected) {
                throw new InvalidInputException("messages: must alternate user and assistant messages and end with a user message");
            }
        }
    }

    private BackendUnavailableException reported(Worker worker, Target target, BackendUnavailableException failure) {
        String code = Incident.newCode();
        LOG.warn("incident {}: automated request of worker {} to target {} failed: {}", code, worker.id(), target.id(),
                failure.getMessage());
        return failure.reported(code);
    }

    /** SHA-256 (hex) of the messages, each as its speaker, its length and its text, so no two conversations share one. */
    static String hash(List<Message> messages) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Message m : messages) {
                digest.update((m.speaker().label() + ":" + m.text().length() + ":" + m.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
