package org.redteam.intervention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.redteam.conversation.Transcript;
import org.redteam.backend.Completion;
import org.redteam.conversation.Message;
import org.redteam.backend.ModelBackend;
import org.redteam.backend.Sample;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.conversation.Exchange;
import org.redteam.scoring.PreferenceModel;

/**
 * The paper's rejection sampling, best-k-of-n: asks the inner backend for {@code samples} responses
 * in one request, scores them with the preference model in one batch, and returns the
 * {@code request.n()} (the campaign's {@code keep}) with the highest harmlessness, best first. Each
 * kept completion carries every sample with its score, so the turn stores them all.
 */
public final class RejectionSampling implements SafetyIntervention {
    private final int samples;
    private final Supplier<PreferenceModel> preferenceModel;

    /** @param preferenceModel the model that ranks the samples, fetched at the first turn (loading takes a second) */
    public RejectionSampling(int samples, Supplier<PreferenceModel> preferenceModel) {
        this.samples = samples;
        this.preferenceModel = preferenceModel;
    }

    @Override
    public ModelBackend around(ModelBackend inner) {
        return request -> {
            if (request.n() > samples) {
                throw new IllegalArgumentException("asked for " + request.n() + " responses from " + samples + " samples");
            }
            List<Completion> drawn = inner.complete(request.unstreamed(samples));
            if (drawn.size() < request.n()) {
                throw new BackendUnavailableException("rejection sampling got " + drawn.size() + " samples, needs " + request.n());
            }
            String context = context(request.conversation());
            List<Exchange> exchanges = drawn.stream().map(c -> new Exchange(context, c.text())).toList();
            double[] scores = preferenceModel.get().harmlessness(exchanges);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < drawn.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> scores[i]).reversed().thenComparing(i -> i));
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < drawn.size(); i++) {
                samples.add(new Sample(drawn.get(i).text(), scores[i]));
            }
            return order.subList(0, request.n()).stream().map(i -> drawn.get(i).withSamples(samples)).toList();
        };
    }

    /** The conversation in the released transcript layout, ending with the human turn. */
    static String context(List<Message> conversation) {
        return Transcript.of(conversation).render();
    }
}
