package org.redteam.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redteam.release.ReleasedRecord;

/**
 * The attempts to analyse, held by column so 38,961 of them take a few megabytes: for attempt {@code i}, its
 * red team member ({@link #member}), target ({@link #target}), self-rating, minimum harmlessness ({@code NaN}
 * when the record has none) and first human turn (the text the template search compares). Tags are counted
 * while reading, once per attempt however often an attempt repeats a tag. Members and targets are numbered in
 * order of first appearance; {@link #targets()} holds their labels. Immutable once built.
 */
public final class Attacks {
    private final long[] memberIds;
    private final List<TargetLabel> targets;
    private final int[] member;
    private final int[] target;
    private final double[] rating;
    private final double[] minHarmlessness;
    private final String[] firstTurn;
    private final Map<String, Long> tagCounts;
    private final long taggedAttempts;

    private Attacks(Builder b) {
        int n = b.size;
        memberIds = b.memberIds.stream().mapToLong(Long::longValue).toArray();
        targets = List.copyOf(b.targets);
        member = Arrays.copyOf(b.member, n);
        target = Arrays.copyOf(b.target, n);
        rating = Arrays.copyOf(b.rating, n);
        minHarmlessness = Arrays.copyOf(b.minHarmlessness, n);
        firstTurn = Arrays.copyOf(b.firstTurn, n);
        tagCounts = new LinkedHashMap<>(b.tagCounts);
        taggedAttempts = b.taggedAttempts;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return member.length;
    }

    public int memberCount() {
        return memberIds.length;
    }

    /** The released {@code red_team_member_id} of member index {@code m}. */
    public long memberId(int m) {
        return memberIds[m];
    }

    public List<TargetLabel> targets() {
        return targets;
    }

    public int member(int attempt) {
        return member[attempt];
    }

    public int target(int attempt) {
        return target[attempt];
    }

    public double rating(int attempt) {
        return rating[attempt];
    }

    /** {@code NaN} when the attempt has no score. */
    public double minHarmlessness(int attempt) {
        return minHarmlessness[attempt];
    }

    /** The columns themselves, for the statistics of this package; never written after construction. */
    int[] memberColumn() {
        return member;
    }

    int[] targetColumn() {
        return target;
    }

    double[] ratingColumn() {
        return rating;
    }

    double[] harmlessnessColumn() {
        return minHarmlessness;
    }

    public String firstTurn(int attempt) {
        return firstTurn[attempt];
    }

    /** Attempts carrying each tag (a tag repeated within an attempt counts once), in order of first appearance. */
    public Map<String, Long> tagCounts() {
        return tagCounts;
    }

    /** Attempts whose {@code tags} is a list (possibly empty); the others ({@code null}) are untagged. */
    public long taggedAttempts() {
        return taggedAttempts;
    }

    /** Adds records one at a time; not thread-safe. */
    public static final class Builder {
        private final Map<Long, Integer> memberIndex = new HashMap<>();
        private final List<Long> memberIds = new ArrayList<>();
        private final Map<TargetLabel, Integer> targetIndex = new HashMap<>();
        private final List<TargetLabel> targets = new ArrayList<>();
        private final Map<String, Long> tagCounts = new LinkedHashMap<>();
        private int[] member = new int[1024];
        private int[] target = new int[1024];
        private double[] rating = new double[1024];
        private double[] minHarmlessness = new double[1024];
        private String[] firstTurn = new String[1024];
        private long taggedAttempts;
        private int size;

        private Builder() {
        }

        public Builder add(ReleasedRecord r) {
            return add(r.redTeamMemberId(), new TargetLabel(r.modelType(), r.numParams()), r.rating(),
                    r.minHarmlessnessScoreTranscript(), TemplateFamilies.firstHumanTurn(r.transcript()), r.tags());
        }

        /** One attempt; {@code minHarmlessness} and {@code tags} may be null (no score; untagged). */
        public Builder add(long memberId, TargetLabel label, double rating, Double minHarmlessness, String firstTurn,
                           List<String> tags) {
            if (size == member.length) {
                grow();
            }
            member[size] = memberIndex.computeIfAbsent(memberId, id -> {
                memberIds.add(id);
                return memberIds.size() - 1;
            });
            target[size] = targetIndex.computeIfAbsent(label, l -> {
                targets.add(l);
                return targets.size() - 1;
            });
            this.rating[size] = rating;
            this.minHarmlessness[size] = minHarmlessness == null ? Double.NaN : minHarmlessness;
            this.firstTurn[size] = firstTurn;
            if (tags != null) {
                taggedAttempts++;
                Set<String> seen = new HashSet<>();
                for (String tag : tags) {
                    if (seen.add(tag)) {
                        tagCounts.merge(tag, 1L, Long::sum);
                    }
                }
            }
            size++;
            return this;
        }

        private void grow() {
            int capacity = member.length * 2;
            member = Arrays.copyOf(member, capacity);
            target = Arrays.copyOf(target, capacity);
            rating = Arrays.copyOf(rating, capacity);
            minHarmlessness = Arrays.copyOf(minHarmlessness, capacity);
            firstTurn = Arrays.copyOf(firstTurn, capacity);
        }

        public int size() {
            return size;
        }

        public Attacks build() {
            return new Attacks(this);
        }
    }
}
