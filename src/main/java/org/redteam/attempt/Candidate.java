package org.redteam.attempt;

/** One of the two responses offered in a turn, with where it came from (admins only). */
public record Candidate(Side side, String text, String backend, long latencyMillis, String finishReason) {
}
