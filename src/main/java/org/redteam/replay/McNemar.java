package org.redteam.replay;

/**
 * The exact McNemar test of two targets on the same attacks: under the null hypothesis each of the {@code b + c}
 * discordant attacks (one target broken, the other not) is equally likely to go either way, so the smaller count is
 * Binomial(b + c, ½). Two-sided p = min(1, 2 · P(X ≤ min(b, c))); 1 when there is no discordant pair.
 */
public final class McNemar {
    private McNemar() {
    }

    public static double exactP(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must be ≥ 0, got " + b + " and " + c);
        }
        long n = b + c;
        if (n == 0) {
            return 1;
        }
        long k = Math.min(b, c);
        // log C(n, i) built up term by term, so large n neither overflows nor needs a gamma function
        double logChoose = 0;
        double logHalfN = n * Math.log(0.5);
        double tail = 0;
        for (long i = 0; i <= k; i++) {
            if (i > 0) {
                logChoose += Math.log(n - i + 1) - Math.log(i);
            }
            tail += Math.exp(logChoose + logHalfN);
        }
        return Math.min(1, 2 * tail);
    }
}
