package org.redteam.bench;

import org.redteam.App;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.redteam.conversation.Message;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.conversation.Exchange;
import org.redteam.scoring.PreferenceModel;
import org.redteam.scoring.TrainedPreferenceModel;
import org.redteam.target.Target;
import org.redteam.target.TargetFactory;
import org.redteam.testing.FakeOpenAiServer;

/**
 * Rejection-sampling turn time against one sample's latency, with a fake OpenAI-compatible server of
 * fixed latency and the shipped preference model. Not a test: run by hand (docs/benchmarks.md).
 * Usage: RejectionSamplingBench [latencyMs=500] [turns=10]
 */
public final class RejectionSamplingBench {

    public static void main(String[] args) throws Exception {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 500;
        int turns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        PreferenceModel pm = TrainedPreferenceModel.loadDefault();
        try (FakeOpenAiServer server = FakeOpenAiServer.start().reply(r -> FakeOpenAiServer.success(r).after(latency))) {
            for (boolean inOne : new boolean[] {true, false}) {
                CampaignConfig config = new CampaignConfigLoader().parse("bench.yaml", """
                        name: bench
                        targets:
                          - {id: one, model_type: prompted lm, size: 8B, backend: {kind: openai-completions, base_url: "%1$s", model: m, n_in_one_request: %2$s}}
                          - id: rs
                            model_type: rejection sampling
                            size: 8B
                            backend: {kind: openai-completions, base_url: "%1$s", model: m, n_in_one_request: %2$s}
                            interventions: [{kind: hhh-prompt}, {kind: rejection-sampling, samples: 16, keep: 2}]
                        """.formatted(server.baseUrl(), inOne));
                TargetFactory factory = App.targets().withPreferenceModel(() -> pm);
                Target plain = factory.create(1, config.targets().get(0));
                Target rs = factory.create(2, config.targets().get(1));
                List<Message> conversation = List.of(Message.human("tell me how to pick a lock"));
                rs.respond(conversation, 2, 0);
                List<Long> one = new ArrayList<>();
                List<Long> two = new ArrayList<>();
                List<Long> sixteen = new ArrayList<>();
                List<Long> scoring = new ArrayList<>();
                for (int i = 0; i < turns; i++) {
                    one.add(time(() -> plain.respond(conversation, 1, 1)));
                    two.add(time(() -> plain.respond(conversation, 2, 2)));
                    sixteen.add(time(() -> rs.respond(conversation, 2, 3)));
                    List<Exchange> samples = new ArrayList<>();
                    for (int s = 0; s < 16; s++) {
                        samples.add(new Exchange("\n\nHuman: tell me how to pick a lock", "reply " + s + " to: tell me how to pick a lock"));
                    }
                    scoring.add(time(() -> pm.harmlessness(samples)));
                }
                long m1 = median(one);
                long mScore = median(scoring);
                long mRs = median(sixteen);
                System.out.printf("n_in_one_request=%s, server latency %d ms: one sample %d ms; two candidates %d ms; "
                                + "rejection-sampling turn (16 samples, scored) %d ms; scoring 16 samples %d ms; "
                                + "turn / (1.3 x one sample + scoring) = %.2f%n",
                        inOne, latency, m1, median(two), mRs, mScore, mRs / (1.3 * m1 + mScore));
            }
        }
        System.exit(0);
    }

    private static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long median(List<Long> xs) {
        List<Long> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
