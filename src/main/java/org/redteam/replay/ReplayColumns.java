package org.redteam.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.redteam.conversation.Message;
import org.redteam.judge.Outcome;

/**
 * What the summary needs of the results, by column, with no transcript kept: per item (attack × target) its attack,
 * target, error flag, each judge's outcome and the replayed minimum harmlessness; per attack its cluster (the source
 * red teamer when known, else the attack alone), tags, original rating and minimum harmlessness, and first human
 * turn. Two passes over the results: the first finds the judges (in the run's order) and targets (sorted by id).
 * A second result for an attack × target already seen is ignored ({@link #duplicates}).
 */
final class ReplayColumns {
    static final byte UNDECIDED = 0;
    static final byte HARMFUL = 1;
    static final byte NOT_HARMFUL = 2;

    final List<String> judges = new ArrayList<>();
    final Map<String, String> judgeVersions = new HashMap<>();
    final List<String> targets;
    final Set<String> suites = new TreeSet<>();
    /** tallies[target][judge]: the counts behind every success rate. */
    final SuccessTally[][] tallies;
    final Map<String, Integer> attackIndex = new LinkedHashMap<>();
    final List<Integer> attackCluster = new ArrayList<>();
    final List<List<String>> attackTags = new ArrayList<>();
    final List<Double> attackRating = new ArrayList<>();
    final List<Double> attackMinHarmlessness = new ArrayList<>();
    final List<String> attackFirstTurn = new ArrayList<>();
    final Map<String, Integer> clusterIndex = new HashMap<>();
    int knownMembers;
    long duplicates;

    int size;
    int[] attack = new int[64];
    int[] target = new int[64];
    boolean[] error = new boolean[64];
    double[] minHarmlessness = new double[64];
    /** outcome[judge][item]: {@link #HARMFUL}, {@link #NOT_HARMFUL} or {@link #UNDECIDED} (also on error). */
    byte[][] outcome;

    private ReplayColumns(List<String> targets, int judgeCount) {
        this.targets = List.copyOf(targets);
        this.tallies = new SuccessTally[targets.size()][judgeCount];
        this.outcome = new byte[judgeCount][64];
    }

    static ReplayColumns of(Supplier<? extends Iterator<ReplayResult>> results) {
        List<String> judges = new ArrayList<>();
        Map<String, String> versions = new HashMap<>();
        Set<String> targets = new TreeSet<>();
        for (Iterator<ReplayResult> it = results.get(); it.hasNext(); ) {
            ReplayResult r = it.next();
            targets.add(r.targetId());
            for (ReplayResult.JudgedReplay j : r.verdicts()) {
                if (versions.putIfAbsent(j.verdict().judgeId(), j.verdict().judgeVersion()) == null) {
                    judges.add(j.verdict().judgeId());
                }
            }
        }
        ReplayColumns c = new ReplayColumns(new ArrayList<>(targets), judges.size());
        c.judges.addAll(judges);
        c.judgeVersions.putAll(versions);
        for (int t = 0; t < c.targets.size(); t++) {
            for (int j = 0; j < judges.size(); j++) {
                c.tallies[t][j] = new SuccessTally(judges.get(j));
            }
        }
        Set<Long> seen = new HashSet<>();
        for (Iterator<ReplayResult> it = results.get(); it.hasNext(); ) {
            c.add(it.next(), seen);
        }
        return c;
    }

    private void add(ReplayResult r, Set<Long> seen) {
        int t = targets.indexOf(r.targetId());
        if (t < 0) {
            throw new IllegalStateException("the results changed between two passes: target " + r.targetId() + " is new");
        }
        int a = attack(r);
        if (!seen.add((long) a * targets.size() + t)) {
            duplicates++;
            return;
        }
        suites.add(r.suiteVersion());
        grow();
        attack[size] = a;
        target[size] = t;
        error[size] = r.failed();
        minHarmlessness[size] = r.failed() || r.minHarmlessness() == null ? Double.NaN : r.minHarmlessness();
        for (int j = 0; j < judges.size(); j++) {
            tallies[t][j].add(r);
            Outcome o = r.failed() ? Outcome.UNDETERMINED
                    : r.verdict(judges.get(j)).map(v -> v.verdict().outcome()).orElse(Outcome.UNDETERMINED);
            outcome[j][size] = switch (o) {
                case HARMFUL -> HARMFUL;
                case NOT_HARMFUL -> NOT_HARMFUL;
                case UNDETERMINED -> UNDECIDED;
            };
        }
        size++;
    }

    private int attack(ReplayResult r) {
        Integer known = attackIndex.get(r.attackId());
        if (known != null) {
            return known;
        }
        int a = attackIndex.size();
        attackIndex.put(r.attackId(), a);
        ReplayResult.AttackFacts f = r.attack();
        String cluster = f.member() == null ? "attack " + r.attackId() : "member " + f.member();
        if (f.member() != null && !clusterIndex.containsKey(cluster)) {
            knownMembers++;
        }
        attackCluster.add(clusterIndex.computeIfAbsent(cluster, k -> clusterIndex.size()));
        attackTags.add(f.tags());
        attackRating.add(f.rating());
        attackMinHarmlessness.add(f.minHarmlessness());
        attackFirstTurn.add(r.transcript().stream().filter(m -> m.speaker() == Message.Speaker.HUMAN).findFirst()
                .map(Message::text).orElse(""));
        return a;
    }

    private void grow() {
        if (size < attack.length) {
            return;
        }
        int n = attack.length * 2;
        attack = Arrays.copyOf(attack, n);
        target = Arrays.copyOf(target, n);
        error = Arrays.copyOf(error, n);
        minHarmlessness = Arrays.copyOf(minHarmlessness, n);
        for (int j = 0; j < outcome.length; j++) {
            outcome[j] = Arrays.copyOf(outcome[j], n);
        }
    }

    int attacks() {
        return attackIndex.size();
    }

    int clusters() {
        return clusterIndex.size();
    }

    int cluster(int item) {
        return attackCluster.get(attack[item]);
    }

    /** itemOf[target][attack]: the item index, or −1 when the target has no result for the attack. */
    int[][] itemIndex() {
        int[][] index = new int[targets.size()][attacks()];
        for (int[] row : index) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < size; i++) {
            index[target[i]][attack[i]] = i;
        }
        return index;
    }
}
