package org.redteam.review;

/** Reviews one reviewer answered in the campaign, and transcripts still waiting that they could take next. */
public record ReviewProgress(int reviewed, int waiting) {
}
