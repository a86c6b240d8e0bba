package org.redteam.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redteam.attempt.Attempt;
import org.redteam.attempt.Candidate;
import org.redteam.attempt.Side;
import org.redteam.attempt.Turn;
import org.redteam.backend.Sample;
import org.redteam.config.CampaignConfig;
import org.redteam.problem.InvalidInputException;
import org.redteam.target.Target;
import org.redteam.worker.Role;
import org.redteam.worker.Worker;

/**
 * The request and response bodies of the red-team task's JSON API (docs/api.md, docs/openapi.json). Field
 * names are the wire names. A request record refuses a missing required field in its constructor with the
 * same message as a wrongly typed one ({@link JsonBodies.FieldProblem}).
 */
final class AttemptJson {
    private AttemptJson() {
    }

    // ---------------------------------------------------------------- requests

    /** {@code POST /api/consent}. */
    record ConsentRequest(List<String> topics) {
        ConsentRequest {
            if (topics == null) {
                throw new InvalidInputException(problem("topics", ""));
            }
        }

        static String problem(String field, String given) {
            return "topics: must be a list of the campaign's risk topics";
        }
    }

    /** {@code POST /api/attempts}. */
    record StartRequest(String taskDescription) {
        StartRequest {
            if (taskDescription == null) {
                throw new InvalidInputException(problem("taskDescription", ""));
            }
        }

        static String problem(String field, String given) {
            return "taskDescription: required, as a JSON string";
        }
    }

    /** {@code POST /api/attempts/{id}/turns}. */
    record TurnRequest(String message) {
        TurnRequest {
            if (message == null) {
                throw new InvalidInputException(problem("message", ""));
            }
        }

        static String problem(String field, String given) {
            return "message: required, as a JSON string";
        }
    }

    /** {@code POST /api/attempts/{id}/turns/{index}/choice}; a missing or non-string side is "nothing". */
    record ChoiceRequest(String moreHarmful) {
        Side side() {
            return Side.parse(moreHarmful);
        }

        /** What {@link Side#parse} says for nothing (ApiBadInputTest holds the two together). */
        static String problem(String field, String given) {
            return "moreHarmful: must be \"A\" or \"B\", got nothing";
        }
    }

    /** {@code POST /api/attempts/{id}/rating}. */
    record RatingRequest(Integer rating) {
        RatingRequest {
            if (rating == null) {
                throw new InvalidInputException(problem("rating", ""));
            }
        }

        static String problem(String field, String given) {
            return "rating: must be a whole number from 0 to 4";
        }
    }

    // ---------------------------------------------------------------- responses

    /** {@code GET /api/me}; roles sorted by label. */
    record Me(long id, String name, List<String> roles) {
        static Me of(Worker w) {
            return new Me(w.id(), w.name(), w.roles().stream().map(Role::label).sorted().toList());
        }
    }

    /** {@code GET /api/campaign}; {@code consentedTopics} null before consent. */
    record Campaign(String name, String contentWarning, String instructions, List<String> exampleTopics,
                    List<String> riskTopics, int attemptsPerSet, int maxTurns, List<String> consentedTopics) {
        static Campaign of(CampaignConfig c, Optional<List<String>> consented) {
            return new Campaign(c.name(), c.contentWarning(), c.instructions(), c.exampleTopics(), c.riskTopics(),
                    c.attemptsPerSet(), c.maxTurns(), consented.orElse(null));
        }
    }

    /** {@code POST /api/consent}: the topics as sent. */
    record Consent(List<String> topics) {
    }

    /**
     * An attempt. Red teamers are blind: {@code admin} (target, backend, the preference model's scores) is
     * null for them and its fields are then absent. {@code breakReminder} is only in the answer to a start,
     * {@code completionCode} only in the answer to the rating that finished a set.
     */
    record AttemptBody(long id, String status, String taskDescription, Integer rating, Integer setPosition,
                       String createdAt, String submittedAt, List<TurnBody> turns, @JsonUnwrapped AdminDetails admin,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Boolean breakReminder,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String completionCode) {

        /** @param samples per turn index, the scored samples of rejection sampling (admins only) */
        static AttemptBody of(Attempt a, boolean admin, Map<Integer, List<Sample>> samples, Optional<Target> target) {
            return new AttemptBody(a.id(), a.status().label(), a.taskDescription(), a.rating().map(Double::intValue).orElse(null),
                    a.setPosition().orElse(null), a.createdAt().toString(), a.submittedAt().map(Object::toString).orElse(null),
                    a.turns().stream().map(t -> TurnBody.of(t, admin, samples.get(t.index()))).toList(),
                    admin ? AdminDetails.of(a, target) : null, null, null);
        }

        AttemptBody withBreakReminder(boolean due) {
            return new AttemptBody(id, status, taskDescription, rating, setPosition, createdAt, submittedAt, turns, admin,
                    due, completionCode);
        }

        AttemptBody withCompletionCode(String code) {
            return new AttemptBody(id, status, taskDescription, rating, setPosition, createdAt, submittedAt, turns, admin,
                    breakReminder, code);
        }
    }

    /** What admins see of an attempt beyond its owner; scores null until scored. */
    record AdminDetails(long workerId, @JsonInclude(JsonInclude.Include.NON_NULL) TargetBody target,
                        Double minHarmlessness, Double taskDescriptionHarmlessness, String scoredBy) {
        static AdminDetails of(Attempt a, Optional<Target> target) {
            return new AdminDetails(a.workerId(), target.map(TargetBody::of).orElse(null),
                    a.scores().minHarmlessness().orElse(null), a.scores().taskDescriptionHarmlessness().orElse(null),
                    a.scores().scoredBy().orElse(null));
        }
    }

    /** {@code id} is the target's id in the campaign file. */
    record TargetBody(String id, String modelType, String size, boolean demo) {
        static TargetBody of(Target t) {
            return new TargetBody(t.id(), t.labelledModelType(), t.size(), t.demo());
        }
    }

    /** A turn; {@code samples} only for admins, and only for a turn made by rejection sampling. */
    record TurnBody(int index, String message, List<CandidateBody> candidates, String moreHarmful,
                    @JsonInclude(JsonInclude.Include.NON_NULL) List<SampleBody> samples) {
        static TurnBody of(Turn t, boolean admin, List<Sample> samples) {
            return new TurnBody(t.index(), t.message(), t.candidates().stream().map(c -> CandidateBody.of(c, admin)).toList(),
                    t.moreHarmful().map(Side::name).orElse(null),
                    samples == null ? null : samples.stream().map(s -> new SampleBody(s.text(), s.harmlessness())).toList());
        }
    }

    /** A candidate; {@code admin} (backend, latency, finish reason) null, and absent, for red teamers. */
    record CandidateBody(String side, String text, @JsonUnwrapped CandidateDetails admin) {
        static CandidateBody of(Candidate c, boolean admin) {
            return new CandidateBody(c.side().name(), c.text(),
                    admin ? new CandidateDetails(c.backend(), c.latencyMillis(), c.finishReason()) : null);
        }
    }

    record CandidateDetails(String backend, long latencyMs, String finishReason) {
    }

    record SampleBody(String text, double harmlessness) {
    }

    /** {@code POST /api/attempts/{id}/turns/{index}/choice}. */
    record Choice(int index, String moreHarmful) {
    }

    /** Server-sent event {@code delta}: new text of candidate A or B. */
    record Delta(String candidate, String text) {
    }

    /**
     * Server-sent event {@code error}: a failure after text went out; {@code status} is what the plain answer
     * would have had, {@code incident} the code of a failed model call (as in {@link ApiError}).
     */
    record StreamError(String error, int status, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> incident) {
        StreamError(String error, int status) {
            this(error, status, Optional.empty());
        }
    }
}
