package org.redteam.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How the work is spread over red team members (the paper: 80% of attacks came from 50 of ~300 workers). The
 * Lorenz curve orders members from fewest to most attempts: point i is (share of members i/M, share of attempts
 * made by those i members), from (0, 0) to (1, 1); the diagonal is an even spread. The top-k share is the part
 * of the attempts made by the k most active members (all of them when there are fewer than k).
 */
public record Concentration(List<Member> members, long attempts) {

    /** A member and its attempts; {@code members()} runs from fewest to most, ties by id. */
    public record Member(long id, long attempts) {
    }

    /** One point of the Lorenz curve after the first {@code members} members. */
    public record LorenzPoint(int members, double memberShare, double attemptShare) {
    }

    public Concentration {
        members = List.copyOf(members);
    }

    static Concentration of(Attacks attacks) {
        long[] counts = new long[attacks.memberCount()];
        for (int i = 0; i < attacks.size(); i++) {
            counts[attacks.member(i)]++;
        }
        List<Member> members = new ArrayList<>();
        for (int m = 0; m < counts.length; m++) {
            members.add(new Member(attacks.memberId(m), counts[m]));
        }
        return of(members);
    }

    public static Concentration of(List<Member> members) {
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparingLong(Member::attempts).thenComparingLong(Member::id));
        return new Concentration(sorted, sorted.stream().mapToLong(Member::attempts).sum());
    }

    /** (0, 0), then one point per member. */
    public List<LorenzPoint> lorenz() {
        List<LorenzPoint> points = new ArrayList<>(members.size() + 1);
        points.add(new LorenzPoint(0, 0, 0));
        long cumulative = 0;
        for (int i = 0; i < members.size(); i++) {
            cumulative += members.get(i).attempts();
            points.add(new LorenzPoint(i + 1, (i + 1) / (double) members.size(), share(cumulative)));
        }
        return points;
    }

    /** Share of attempts made by the {@code k} most active members; NaN without attempts. */
    public double topShare(int k) {
        long top = 0;
        for (int i = Math.max(0, members.size() - k); i < members.size(); i++) {
            top += members.get(i).attempts();
        }
        return share(top);
    }

    /** The Gini coefficient of attempts per member: 0 = everyone made the same number, → 1 = one made all. */
    public double gini() {
        int n = members.size();
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            weighted += (2.0 * (i + 1) - n - 1) * members.get(i).attempts();
        }
        return n == 0 || attempts == 0 ? Double.NaN : weighted / (n * (double) attempts);
    }

    /** The smallest number of the most active members who together made at least {@code share} of the attempts. */
    public int membersForShare(double share) {
        long[] descending = members.stream().mapToLong(Member::attempts).toArray();
        Arrays.sort(descending);
        long sum = 0;
        for (int i = descending.length - 1; i >= 0; i--) {
            sum += descending[i];
            if (sum >= share * attempts) {
                return descending.length - i;
            }
        }
        return descending.length;
    }

    private double share(long part) {
        return attempts == 0 ? Double.NaN : part / (double) attempts;
    }
}
