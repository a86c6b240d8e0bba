package org.redteam.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition for work that finishes on another thread, without fixed sleeps. */
public final class Eventually {

    private Eventually() {
    }

    /** Returns as soon as {@code condition} holds; fails with {@code what} after {@code limit}. */
    public static void within(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
