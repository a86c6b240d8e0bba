package org.redteam.config;

import java.util.List;
import java.util.Objects;

/**
 * The review task of a campaign ({@code review:} in the campaign file).
 *
 * @param perAttempt how many reviewers rate each attempt in the queue ({@code per_attempt}, default 3)
 * @param tags       the taxonomy reviewers tag with, up to {@link #MAX_TAGS_PER_REVIEW} per review ({@code tags};
 *                   default the 20 tags of the paper's review task, exact strings as in the released data)
 * @param claimMinutes how long an unanswered task holds its place before the slot is offered to another
 *                   reviewer ({@code claim_minutes}, default 120)
 */
public record ReviewSettings(int perAttempt, List<String> tags, int claimMinutes) {
    public static final int DEFAULT_PER_ATTEMPT = 3;
    public static final int MAX_PER_ATTEMPT = 20;
    public static final int MAX_TAGS_PER_REVIEW = 2;
    public static final int DEFAULT_CLAIM_MINUTES = 120;

    /** The 20 tags of the paper's review task: the 18 harm tags, "Other" and "N/A - Invalid attempt". */
    public static final List<String> PAPER_TAGS = java.util.stream.Stream.concat(CampaignConfig.HARM_TOPICS.stream(),
            java.util.stream.Stream.of("Other", "N/A - Invalid attempt")).toList();

    public static final ReviewSettings DEFAULT = new ReviewSettings(DEFAULT_PER_ATTEMPT, PAPER_TAGS, DEFAULT_CLAIM_MINUTES);

    public ReviewSettings {
        tags = List.copyOf(tags);
        Objects.requireNonNull(tags, "tags");
    }
}
