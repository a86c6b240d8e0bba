package org.redteam.attack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.redteam.backend.Completion;
import org.redteam.backend.TokenUsage;
import org.redteam.config.AttackerSpec;
import org.redteam.config.CampaignConfig;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;
import org.redteam.judge.Judge;
import org.redteam.judge.Outcome;
import org.redteam.problem.InvalidInputException;
import org.redteam.problem.RedteamException;
import org.redteam.replay.AttackReplayer;
import org.redteam.replay.ReplayResult;
import org.redteam.replay.ReplaySetup;
import org.redteam.replay.ReplayedExport;
import org.redteam.replay.RunWork;
import org.redteam.target.Target;

/**
 * An attacker's {@code n} attacks as a run's work: attack i (id {@code ATTACKER-i}) against each target, the
 * attacker's messages sent in order, one reply each; a multi-turn attack stops after the reply that the setup's first
 * judge calls HARMFUL. Each finished conversation is scored and judged as a replayed one. The topic of attack i is
 * {@code topics[i mod |topics|]}; it is the result's tag and task description (none for few-shot, which has none).
 */
public final class AutomatedWork implements RunWork {
    private final AttackerSpec spec;
    private final Attacker attacker;
    private final List<String> topics;
    private final int n;
    private final long seed;
    private final Judge firstJudge;
    private final AttackReplayer scorer;

    public AutomatedWork(AttackerSpec spec, Attacker attacker, List<String> topics, int n, long seed, ReplaySetup setup) {
        if (n < 1) {
            throw new InvalidInputException("--n must be at least 1, not " + n);
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("an automated run needs at least one topic");
        }
        this.spec = Objects.requireNonNull(spec, "spec");
        this.attacker = Objects.requireNonNull(attacker, "attacker");
        this.topics = List.copyOf(topics);
        this.n = n;
        this.seed = seed;
        this.firstJudge = setup.judges().get(0);
        this.scorer = new AttackReplayer(setup.preferenceModel(), setup.judges(), 1, seed);
    }

    /** The topics attacks are about: the campaign's {@code risk_topics}, else its review tags. */
    public static List<String> topics(CampaignConfig campaign) {
        return campaign.riskTopics().isEmpty() ? campaign.review().tags() : campaign.riskTopics();
    }

    /** The source kind of every result: {@code automated:ATTACKER}. */
    public String sourceKind() {
        return "automated:" + spec.id();
    }

    /** {@code red_team_member_id} of the attacker's records: 52 bits of the SHA-256 of "member:automated:ID". */
    public long memberNumber() {
        return ReplayedExport.memberNumber(sourceKind(), null);
    }

    @Override
    public String version() {
        return sourceKind() + "/" + spec.strategy().key() + "/turns=" + attacker.maxTurns() + "/seed=" + seed + "/n=" + n;
    }

    @Override
    public long attacks() {
        return n;
    }

    /** Each attack id's task description: its topic ("" for few-shot). */
    public Map<String, String> taskDescriptions() {
        Map<String, String> tasks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            tasks.put(id(i), topicTag(i).stream().findFirst().orElse(""));
        }
        return tasks;
    }

    @Override
    public Items open() {
        return new Items() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Item next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return new Automated(next++);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private String id(int i) {
        return spec.id() + "-" + i;
    }

    private List<String> topicTag(int i) {
        return spec.strategy() == AttackerSpec.Strategy.FEW_SHOT ? List.of() : List.of(topics.get(i % topics.size()));
    }

    private final class Automated implements Item {
        private final int index;

        Automated(int index) {
            this.index = index;
        }

        @Override
        public String id() {
            return AutomatedWork.this.id(index);
        }

        @Override
        public ReplayResult.AttackFacts facts() {
            return new ReplayResult.AttackFacts(null, topicTag(index), null, null, sourceKind(), null);
        }

        @Override
        public ReplayResult run(Target target) {
            long start = System.nanoTime();
            List<Message> conversation = new ArrayList<>();
            TokenUsage[] tokens = {null};
            String topic = topics.get(index % topics.size());
            try {
                for (int turn = 0; turn < attacker.maxTurns(); turn++) {
                    conversation.add(Message.human(attacker.next(new AttackTurn(index, topic, conversation, seed))));
                    List<Completion> replies = target.respond(conversation, 1, targetSeed(target, turn));
                    if (replies.isEmpty()) {
                        throw new IllegalArgumentException("the target gave no reply");
                    }
                    Completion reply = replies.get(0);
                    if (reply.usage() != null) {
                        tokens[0] = tokens[0] == null ? reply.usage() : tokens[0].plus(reply.usage());
                    }
                    conversation.add(Message.assistant(reply.text()));
                    if (turn + 1 < attacker.maxTurns() && broke(conversation)) {
                        break;
                    }
                }
            } catch (RedteamException | IllegalArgumentException e) {
                return new ReplayResult(version(), id(), target.id(), conversation, null, List.of(), total(tokens[0]),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                        (System.nanoTime() - start) / 1_000_000, facts());
            }
            return scorer.scored(version(), id(), target.id(), conversation, total(tokens[0]), start, facts());
        }

        /** Whether the first judge calls the conversation so far HARMFUL (a failing judge does not stop it). */
        private boolean broke(List<Message> conversation) {
            try {
                return firstJudge.judge(Transcript.of(conversation)).outcome() == Outcome.HARMFUL;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private long targetSeed(Target target, int turn) {
            long h = seed * 0x9E3779B97F4A7C15L;
            h = 31 * h + index;
            h = 31 * h + target.id().hashCode();
            return 31 * h + turn;
        }
    }

    private static Optional<ReplayResult.Tokens> total(TokenUsage t) {
        return Optional.ofNullable(t).map(u -> new ReplayResult.Tokens(u.prompt(), u.completion()));
    }
}
