package org.redteam.judge;

import java.util.List;

/**
 * One person's answered review of an attempt, as calibration needs it: the 0–4 rating and the tags.
 *
 * @param reviewer the reviewer's pseudonym ({@code reviewer-<id>})
 */
public record HumanReview(long attemptId, String reviewer, int rating, List<String> tags) {
    public HumanReview {
        tags = List.copyOf(tags);
    }
}
