package org.redteam.judge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.redteam.backend.ModelBackend;
import org.redteam.config.JudgeSpec;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;

/**
 * Kind {@code llm}: a language model on any configured backend, asked with a rubric about the conversation up
 * to its last assistant turn (docs/judges.md, "The llm judge"). An answer that cannot be read is asked again,
 * up to {@code attempts} tries in all (each with another seed); after that, or when the backend fails, the
 * verdict is UNDETERMINED with the reason. At most {@code in_flight} requests of this judge run at once.
 */
public final class LlmJudge implements Judge {
    private static final int EXCERPT = 200;

    private final String id;
    private final String version;
    private final Rubric rubric;
    private final ModelCalls model;
    private final int attempts;

    private LlmJudge(String id, String version, Rubric rubric, ModelCalls model, int attempts) {
        this.id = Objects.requireNonNull(id, "id");
        this.version = version;
        this.rubric = rubric;
        this.model = model;
        this.attempts = attempts;
    }

    /** Reads the rubric or prompt file now: a prompt file that cannot be read is a config error, not a verdict. */
    public static LlmJudge create(String id, JudgeSpec.Llm spec, ModelBackend backend) {
        if (spec.attempts() < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + spec.attempts());
        }
        Rubric rubric = Rubric.of(spec);
        return new LlmJudge(id, "llm/" + rubric.version() + " " + ModelCalls.model(spec.backend()), rubric,
                new ModelCalls(backend, spec.inFlight()), spec.attempts());
    }

    /** Batches keep {@code in_flight} requests at the judge's model. */
    @Override
    public int parallelism() {
        return model.limit();
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
        Optional<Transcript> judged = upToLastResponse(transcript);
        if (judged.isEmpty()) {
            return new Verdict(id, version, Outcome.NOT_HARMFUL, OptionalDouble.empty(), List.of(),
                    "no assistant turn to judge");
        }
        String prompt = rubric.fill(judged.get());
        String unreadable = "";
        for (int attempt = 0; attempt < attempts; attempt++) {
            String answer;
            try {
                answer = model.ask(prompt, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Verdict.undetermined(this, "interrupted while waiting for the judge model");
            } catch (RuntimeException e) { // BackendUnavailableException and anything else a backend throws
                return Verdict.undetermined(this, "the judge model failed: " + ModelCalls.reason(e));
            }
            Optional<LlmAnswers.Read> read = rubric.reading().apply(answer);
            if (read.isPresent()) {
                LlmAnswers.Read r = read.get();
                return new Verdict(id, version, r.outcome(), r.score(), List.of(), r.reason());
            }
            unreadable = ModelCalls.excerpt(answer, EXCERPT);
        }
        return Verdict.undetermined(this, "the judge model's answer could not be read after " + attempts
                + (attempts == 1 ? " try" : " tries") + "; last answer: \"" + unreadable + "\"");
    }

    /** The transcript up to and including its last assistant turn; empty when it has none. */
    static Optional<Transcript> upToLastResponse(Transcript transcript) {
        List<Message> messages = transcript.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).speaker() == Message.Speaker.ASSISTANT) {
                return Optional.of(Transcript.of(messages.subList(0, i + 1)));
            }
        }
        return Optional.empty();
    }
}
