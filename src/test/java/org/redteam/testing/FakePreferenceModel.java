package org.redteam.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.redteam.conversation.Exchange;
import org.redteam.scoring.PreferenceModel;
import org.redteam.scoring.ScoringException;

/**
 * A preference model for tests: the score of a response is minus its length in characters (longer =
 * more harmful), whatever the context. It records every batch it was given, and can be told to fail
 * from a given call on.
 */
public final class FakePreferenceModel implements PreferenceModel {
    private final String name;
    private final int failFromCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<List<Exchange>> batches = new ArrayList<>();

    private FakePreferenceModel(String name, int failFromCall) {
        this.name = name;
        this.failFromCall = failFromCall;
    }

    /** Scores −length, never fails. */
    public static FakePreferenceModel minusLength() {
        return new FakePreferenceModel("fake-pm (minus length)", Integer.MAX_VALUE);
    }

    /** Like {@link #minusLength()}, named {@code name}. */
    public static FakePreferenceModel named(String name) {
        return new FakePreferenceModel(name, Integer.MAX_VALUE);
    }

    /** Scores the first {@code calls} batch calls, then throws a {@link ScoringException} on every call. */
    public static FakePreferenceModel failingAfter(int calls) {
        return new FakePreferenceModel("fake-pm (fails after " + calls + " calls)", calls);
    }

    /** The score this model gives {@code response}. */
    public static double score(String response) {
        return -response.length();
    }

    @Override
    public double harmlessness(String context, String response) {
        return harmlessness(List.of(new Exchange(context, response)))[0];
    }

    @Override
    public double[] harmlessness(List<Exchange> exchanges) {
        if (calls.incrementAndGet() > failFromCall) {
            throw new ScoringException(name + ": down (as the test wants)");
        }
        synchronized (batches) {
            batches.add(List.copyOf(exchanges));
        }
        return exchanges.stream().mapToDouble(e -> score(e.response())).toArray();
    }

    @Override
    public String name() {
        return name;
    }

    /** Calls of {@link #harmlessness(List)} so far, failed ones included. */
    public int calls() {
        return calls.get();
    }

    /** Every batch scored so far, in order. */
    public List<List<Exchange>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }
}
