package org.redteam.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import org.redteam.problem.BackendUnavailableException;

/** Waiting for asynchronous backend calls, one or many; failures come out as {@link BackendUnavailableException}s. */
public final class Calls {
    private Calls() {
    }

    /**
     * Starts {@code count} calls with at most {@code maxInFlight} running at once and waits for all of
     * them, in order; failures become {@link BackendUnavailableException}s naming {@code name}.
     */
    public static <T> List<T> concurrently(String name, int count, int maxInFlight, IntFunction<CompletableFuture<T>> start) {
        List<CompletableFuture<T>> calls = new ArrayList<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        try {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                calls.add(start.apply(i).whenComplete((c, e) -> inFlight.release()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.forEach(c -> c.cancel(true));
            throw new BackendUnavailableException(name + ": interrupted while waiting for completions", e);
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> c : calls) {
            results.add(await(name, c));
        }
        return results;
    }

    /** The call's result, or its failure as a {@link BackendUnavailableException} naming {@code name}. */
    public static <T> T await(String name, CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new BackendUnavailableException(name + ": interrupted while waiting for completions", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof BackendUnavailableException unavailable) {
                throw unavailable;
            }
            throw new BackendUnavailableException(name + ": request failed: " + cause, cause);
        }
    }

    /** The cause behind any layers of {@link CompletionException}. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
