package org.redteam.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.redteam.agreement.Bootstrap;
import org.redteam.analysis.EffortToBreak;
import org.redteam.analysis.MemberBootstrap;
import org.redteam.analysis.TemplateFamilies;
import org.redteam.judge.Outcome;
import org.redteam.replay.ClusterRatio;

/**
 * Human against automated attacks, side by side (docs/automated.md, "Human vs automated: compare"): success rates per
 * target with cluster-bootstrap intervals, diversity, novelty, effort to break and cost. Pure but for the embedder.
 */
public final class Comparison {

    private Comparison() {
    }

    /**
     * @param embed one vector per text, in order (the CLI: MiniLM, cached on disk by content hash)
     */
    public static CompareResult run(List<CompareItem> items, CompareSettings settings, Function<List<String>, float[][]> embed) {
        List<CompareItem> human = items.stream().filter(i -> i.source() == CompareItem.Source.HUMAN).toList();
        List<CompareItem> automated = items.stream().filter(i -> i.source() == CompareItem.Source.AUTOMATED).toList();
        List<CompareItem> humanAttacks = distinct(human);
        List<CompareItem> automatedAttacks = distinct(automated);
        List<String> texts = new ArrayList<>(humanAttacks.size() + automatedAttacks.size());
        humanAttacks.forEach(i -> texts.add(i.firstTurn()));
        automatedAttacks.forEach(i -> texts.add(i.firstTurn()));
        float[][] vectors = texts.isEmpty() ? new float[0][] : embed.apply(texts);
        int d = vectors.length == 0 ? 0 : vectors[0].length;
        float[] all = Vectors.unitRows(vectors, d);
        int nh = humanAttacks.size();
        int na = automatedAttacks.size();
        float[] h = java.util.Arrays.copyOfRange(all, 0, nh * d);
        float[] a = java.util.Arrays.copyOfRange(all, nh * d, (nh + na) * d);
        float[][] nearest = Vectors.maxSimilarities(a, na, h, nh, d);
        double closeEnough = 1 - settings.noveltyThreshold();
        int[] cluster = Vectors.kMeans(all, nh + na, d, Vectors.clusters(nh + na), settings.seed());
        int k = 0;
        for (int c : cluster) {
            k = Math.max(k, c + 1);
        }
        List<CompareResult.ClusterRow> clusters = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int ch = 0;
            int ca = 0;
            for (int i = 0; i < cluster.length; i++) {
                if (cluster[i] == c) {
                    if (i < nh) {
                        ch++;
                    } else {
                        ca++;
                    }
                }
            }
            clusters.add(new CompareResult.ClusterRow(c, ch, ca));
        }
        clusters.sort((x, y) -> Integer.compare(y.human() + y.automated(), x.human() + x.automated()));
        Rates humanRates = rates(human, true, settings);
        Rates automatedRates = rates(automated, false, settings);
        CompareResult.Side humanSide = side(CompareItem.Source.HUMAN, human, humanAttacks, h, d,
                novelShare(nearest[1], nh == 0 || na == 0, closeEnough), covered(clusters, true), humanRates, settings);
        CompareResult.Side automatedSide = side(CompareItem.Source.AUTOMATED, automated, automatedAttacks, a, d,
                novelShare(nearest[0], nh == 0 || na == 0, closeEnough), covered(clusters, false), automatedRates, settings);
        return new CompareResult(settings, TargetPairs.rows(humanRates.byTarget, automatedRates.byTarget, settings.pairs()),
                humanSide, automatedSide, clusters, d);
    }

    /** The first item of each attack, in order. */
    static List<CompareItem> distinct(List<CompareItem> items) {
        Map<String, CompareItem> first = new LinkedHashMap<>();
        for (CompareItem i : items) {
            first.putIfAbsent(i.attack(), i);
        }
        return List.copyOf(first.values());
    }

    private static double novelShare(float[] nearest, boolean undefined, double closeEnough) {
        if (undefined) {
            return Double.NaN;
        }
        int novel = 0;
        for (float s : nearest) {
            if (s < closeEnough) {
                novel++;
            }
        }
        return (double) novel / nearest.length;
    }

    private static int covered(List<CompareResult.ClusterRow> clusters, boolean human) {
        return (int) clusters.stream().filter(c -> (human ? c.human() : c.automated()) > 0).count();
    }

    /** Share of texts whose template family ({@link TemplateFamilies#familyOf}) has another member. */
    static double nearDuplicateShare(List<String> texts) {
        if (texts.isEmpty()) {
            return Double.NaN;
        }
        int[] family = TemplateFamilies.familyOf(texts);
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int f : family) {
            if (f >= 0) {
                sizes.merge(f, 1, Integer::sum);
            }
        }
        int duplicates = 0;
        for (int f : family) {
            if (f >= 0 && sizes.get(f) > 1) {
                duplicates++;
            }
        }
        return (double) duplicates / texts.size();
    }

    private record Rates(Map<String, CompareResult.Rate> byTarget, Bootstrap.Interval overall) {
    }

    /** Per target and overall: harmful / decided, intervals clustered by member (people) or by attack (automated). */
    private static Rates rates(List<CompareItem> items, boolean byMember, CompareSettings settings) {
        List<String> targets = new ArrayList<>(new TreeSet<>(items.stream().map(CompareItem::target).toList()));
        Map<String, Integer> targetIndex = new HashMap<>();
        targets.forEach(t -> targetIndex.put(t, targetIndex.size()));
        Map<String, Integer> clusterIndex = new HashMap<>();
        ClusterRatio.Builder ratios = new ClusterRatio.Builder(targets.size() + 1);
        long[][] counts = new long[targets.size() + 1][4]; // items, harmful, decided, undetermined
        for (CompareItem i : items) {
            String key = byMember && i.member() != null ? "m:" + i.member() : "a:" + i.attack();
            int cluster = clusterIndex.computeIfAbsent(key, x -> clusterIndex.size());
            int t = targetIndex.get(i.target());
            double harmful = i.outcome() == Outcome.HARMFUL ? 1 : 0;
            double decided = i.outcome() == Outcome.UNDETERMINED ? 0 : 1;
            for (int v : new int[] {t, targets.size()}) {
                ratios.add(v, cluster, harmful, decided);
                counts[v][0]++;
                counts[v][1] += (long) harmful;
                counts[v][2] += (long) decided;
                counts[v][3] += 1 - (long) decided;
            }
        }
        MemberBootstrap.Intervals intervals = MemberBootstrap.run(clusterIndex.size(), List.of(ratios.build()),
                settings.resamples(), settings.seed());
        Map<String, CompareResult.Rate> byTarget = new TreeMap<>();
        for (int t = 0; t < targets.size(); t++) {
            long[] c = counts[t];
            byTarget.put(targets.get(t), new CompareResult.Rate(targets.get(t), c[0], c[1], c[2], c[3], intervals.get(0, t)));
        }
        return new Rates(byTarget, intervals.get(0, targets.size()));
    }

    private static CompareResult.Side side(CompareItem.Source source, List<CompareItem> items, List<CompareItem> attacks,
                                           float[] unit, int d, double novel, int clustersCovered, Rates rates,
                                           CompareSettings settings) {
        long successes = items.stream().filter(i -> i.outcome() == Outcome.HARMFUL).count();
        TreeSet<String> tags = new TreeSet<>();
        items.forEach(i -> tags.addAll(i.tags()));
        Map<String, List<Outcome>> turns = new LinkedHashMap<>();
        Map<String, String> targetOf = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String key = String.format(Locale.ROOT, "%09d", i);
            turns.put(key, items.get(i).turns());
            targetOf.put(key, items.get(i).target());
        }
        EffortToBreak effort = EffortToBreak.of("judge", turns, targetOf::get);
        Long tokens = null;
        for (CompareItem i : items) {
            if (i.tokens() != null) {
                tokens = (tokens == null ? 0 : tokens) + i.tokens();
            }
        }
        OptionalDouble tokensPerSuccess = tokens != null && successes > 0
                ? OptionalDouble.of((double) tokens / successes) : OptionalDouble.empty();
        OptionalDouble cost = OptionalDouble.empty();
        if (successes > 0 && source == CompareItem.Source.HUMAN && settings.costPerHumanAttack() != null) {
            cost = OptionalDouble.of(settings.costPerHumanAttack() * attacks.size() / successes);
        } else if (successes > 0 && source == CompareItem.Source.AUTOMATED && settings.tokenPricePer1k() != null
                && tokens != null) {
            cost = OptionalDouble.of(tokens / 1000.0 * settings.tokenPricePer1k() / successes);
        }
        return new CompareResult.Side(source.key(), attacks.size(), items.size(), successes, rates.overall(),
                Vectors.meanPairwiseDistance(unit, attacks.size(), d), clustersCovered, List.copyOf(tags),
                nearDuplicateShare(attacks.stream().map(CompareItem::firstTurn).toList()), novel, effort.overall(),
                effort.byTarget(), tokens, tokensPerSuccess, cost);
    }
}
