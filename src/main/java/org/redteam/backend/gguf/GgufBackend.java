package org.redteam.backend.gguf;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.redteam.conversation.Transcript;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.conversation.Message;
import org.redteam.backend.PromptBackend;
import org.redteam.config.BackendSpec;
import org.redteam.problem.BackendUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local GGUF model run in-process by llama.cpp (java-llama.cpp). The conversation becomes the released
 * "Human: … Assistant:" prompt and generation stops before the model writes the next human turn.
 *
 * <p>Thread-safety: a llama.cpp context is not safe for concurrent use, so one lock guards the model; concurrent
 * calls queue and the n completions of a call are generated one after the other. The model is loaded once, at
 * the first request (a multi-GB file is not read by commands that never generate); {@link #close} frees it.
 */
public final class GgufBackend implements PromptBackend, AutoCloseable {
    /** Generation stops here; the marker is not part of the completion. */
    static final String STOP = Transcript.STOP;
    private static final Logger LOG = LoggerFactory.getLogger(GgufBackend.class);

    private final BackendSpec.Gguf spec;
    private final String name;
    private final Object lock = new Object();
    private LlamaModel model; // guarded by lock; null until the first request
    private boolean closed; // guarded by lock

    private GgufBackend(String targetId, BackendSpec.Gguf spec) {
        this.spec = spec;
        this.name = targetId + "/gguf:" + spec.path().getFileName();
    }

    public static GgufBackend create(String targetId, BackendSpec.Gguf spec) {
        return new GgufBackend(targetId, spec);
    }

    /** "target-id/gguf:file.gguf", as recorded in each {@link Completion}. */
    public String name() {
        return name;
    }

    /** Each completion's latency runs from the start of this call (waiting for the model included) to its end. */
    @Override
    public List<Completion> complete(CompletionRequest request) {
        long start = System.nanoTime();
        String prompt = prompt(request.conversation());
        List<Completion> completions = new ArrayList<>();
        synchronized (lock) {
            LlamaModel loaded = model();
            for (int i = 0; i < request.n(); i++) {
                // Seeds differ per completion: equal seeds would give n equal samples.
                Generation g = generate(loaded, prompt, seed(request.seed(), i));
                completions.add(new Completion(g.text(), name, (System.nanoTime() - start) / 1_000_000,
                        g.finishReason()));
            }
        }
        return List.copyOf(completions);
    }

    /** The prompt as it is, with no transcript layout around it (generation still stops at {@link #STOP}). */
    @Override
    public Completion completePrompt(String prompt, long seed) {
        long start = System.nanoTime();
        synchronized (lock) {
            Generation g = generate(model(), prompt, seed(seed, 0));
            return new Completion(g.text(), name, (System.nanoTime() - start) / 1_000_000, g.finishReason());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }

    private LlamaModel model() {
        if (closed) {
            throw new BackendUnavailableException(name + ": the backend is closed");
        }
        if (model == null) {
            if (!Files.isReadable(spec.path())) {
                throw new BackendUnavailableException(name + ": cannot read the model file "
                        + spec.path().toAbsolutePath() + " (backend.path)");
            }
            try {
                Quiet.install();
                model = new LlamaModel(new ModelParameters().setModel(spec.path().toString())
                        .setCtxSize(spec.contextSize()).setThreads(spec.threads()).disableLog()); // the CPU build warns about any --gpu-layers
            } catch (RuntimeException | LinkageError e) { // LinkageError: the native library did not load
                throw new BackendUnavailableException(name + ": cannot load the model " + spec.path().toAbsolutePath()
                        + ": " + e.getMessage(), e);
            }
        }
        return model;
    }

    /** Streams tokens and stops at {@link #STOP} itself, so that "stop" and "length" can be told apart. */
    private Generation generate(LlamaModel loaded, String prompt, int seed) {
        InferenceParameters params = new InferenceParameters(prompt).setNPredict(spec.maxTokens())
                .setTemperature((float) spec.temperature()).setTopP((float) spec.topP()).setSeed(seed);
        StringBuilder text = new StringBuilder();
        int tokens = 0;
        LlamaIterator it = null;
        try {
            it = loaded.generate(params).iterator();
            while (it.hasNext()) {
                LlamaOutput out = it.next();
                text.append(out.text);
                tokens++;
                int stop = text.indexOf(STOP);
                if (stop >= 0) {
                    it.cancel();
                    return new Generation(text.substring(0, stop).strip(), "stop");
                }
            }
        } catch (RuntimeException e) {
            if (it != null) {
                it.cancel();
            }
            throw new BackendUnavailableException(name + ": generation failed: " + e.getMessage(), e);
        }
        // The last output closes the stream and may carry no token: fewer than max_tokens outputs means EOS.
        return new Generation(text.toString().strip(), tokens >= spec.maxTokens() ? "length" : "stop");
    }

    /** The released transcript layout, ending with the marker the model continues (as the completions API gets it). */
    static String prompt(List<Message> conversation) {
        return Transcript.of(conversation).prompt();
    }

    /** A non-negative int (llama.cpp reads -1 as "random") from the spec's seed, the request's and the index. */
    int seed(long requestSeed, int index) {
        long x = spec.seed() + requestSeed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((x ^ (x >>> 31)) & 0x7FFF_FFFFL);
    }

    private record Generation(String text, String finishReason) {
    }

    /** llama.cpp logs to stderr unless told otherwise; its messages go to debug (they may quote prompts). */
    private static final class Quiet {
        static {
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> LOG.debug("llama.cpp {}: {}", level,
                    message.length() > 200 ? message.substring(0, 200) + "…" : message.strip()));
        }

        static void install() {
            // the static initialiser runs once, on the first call
        }
    }
}
