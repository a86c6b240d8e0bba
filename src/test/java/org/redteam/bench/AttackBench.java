package org.redteam.bench;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.redteam.App;
import org.redteam.attack.Attacker;
import org.redteam.attack.Attackers;
import org.redteam.attack.AutomatedWork;
import org.redteam.config.AttackerSpec;
import org.redteam.config.CampaignConfig;
import org.redteam.config.CampaignConfigLoader;
import org.redteam.judge.Judge;
import org.redteam.judge.TrainedJudge;
import org.redteam.replay.ReplayRun;
import org.redteam.replay.ReplaySetup;
import org.redteam.scoring.PreferenceModel;
import org.redteam.scoring.TrainedPreferenceModel;
import org.redteam.target.Target;
import org.redteam.testing.WordJudge;

/**
 * {@code attack}'s throughput: a multi-turn attacker and one target, both OpenAI-compatible endpoints of one fake
 * server with a fixed latency and no concurrency limit, N attacks of {@code turns} turns through the real runner
 * ({@link ReplayRun} over {@link AutomatedWork}): each turn is one attacker call and one target call, and the first
 * judge reads the conversation after every reply but the last (the early stop; the fake target never breaks, so
 * every attack runs all its turns). First with a trivial preference model and judge, then with the shipped ones.
 * Prints what {@link ReplayBench} prints; the ideal is N × turns × 2 calls × latency / concurrency.
 * Not a test: run by hand (docs/benchmarks.md).
 * Usage: AttackBench [attacks=1000] [latencyMs=200] [concurrency=64] [turns=3] [models=both|trivial|default]
 */
public final class AttackBench {
    private AttackBench() {
    }

    public static void main(String[] args) throws Exception {
        int attacks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int turns = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String models = args.length > 4 ? args[4] : "both";
        Path dir = Files.createTempDirectory("attack-bench");
        HttpServer server = ReplayBench.fakeModel(latency);
        try {
            String backend = "{kind: openai-chat, base_url: \"http://127.0.0.1:%d/v1\", model: m}"
                    .formatted(server.getAddress().getPort());
            CampaignConfig config = new CampaignConfigLoader().parse("bench.yaml", """
                    name: bench
                    risk_topics: [lock picking, insults, exam cheating]
                    targets:
                      - {id: chat, model_type: rlhf, size: 8B, backend: %s}
                    attackers:
                      - {id: mt, strategy: multi-turn, max_turns: %d, backend: %s}
                    """.formatted(backend, turns, backend));
            if (!models.equals("default")) {
                run("trivial PM and judge", config, ReplayBench.trivialPreferenceModel(), WordJudge.of("words", "1", "steps", "x"), dir.resolve("trivial"),
                        attacks, latency, concurrency, turns);
            }
            if (!models.equals("trivial")) {
                run("shipped PM and trained judge", config, TrainedPreferenceModel.loadDefault(),
                        TrainedJudge.load("trained", Optional.empty()), dir.resolve("default"), attacks, latency,
                        concurrency, turns);
            }
        } finally {
            server.stop(0);
        }
    }

    private static void run(String name, CampaignConfig config, PreferenceModel pm, Judge judge, Path out, int attacks,
                            long latency, int concurrency, int turns) {
        ReplayBench.Reservoir calls = new ReplayBench.Reservoir(10_000);
        Target real = App.targets().withPreferenceModel(() -> pm).create(1, config.targets().get(0));
        Target target = new Target(real.rowId(), real.id(), real.modelType(), real.size(), real.backendKind(), false,
                ReplayBench.timed(real.backend(), calls));
        AttackerSpec spec = config.attackers().get(0);
        Attacker attacker = Attackers.create(spec, ReplayBench.timed(App.attackerModel(spec), calls), turns);
        ReplaySetup setup = new ReplaySetup(List.of(target), pm, List.of(judge));
        AutomatedWork work = new AutomatedWork(spec, attacker, AutomatedWork.topics(config), attacks, 1, setup);
        double ideal = attacks * (double) turns * 2 * latency / 1000.0 / concurrency;
        ReplayBench.measure(name, latency, concurrency, ideal, calls,
                () -> new ReplayRun(setup, concurrency).run(work, out, false, (done, total) -> { }));
    }
}
