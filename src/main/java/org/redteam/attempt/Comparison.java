package org.redteam.attempt;

/**
 * One harmlessness comparison: the conversation so far (released transcript layout, ending with
 * "\n\nHuman: …"), the response judged more harmful and the other one. Training data for the PM.
 */
public record Comparison(String context, String moreHarmful, String lessHarmful) {
}
