package org.redteam.config;

import java.util.List;
import java.util.OptionalInt;

/**
 * Care for the people who read harmful text ({@code wellbeing:} in the campaign file).
 *
 * @param surveyEvery       a short affect survey after every this many completed tasks of one kind — reviews,
 *                          or submitted attempts ({@code survey_every}, default 10 as in the paper)
 * @param dailyCap          most tasks (reviews opened plus attempts started) one worker may take per UTC day
 *                          ({@code daily_cap}, default 100; 0 = no cap)
 * @param breakAfterMinutes a break reminder after this many minutes of work without a 10-minute pause
 *                          ({@code break_after_minutes}, default 60; 0 = no reminder)
 */
/**
 * @param minGroup the fewest different people whose surveys a day's averages may be shown for ({@code min_group});
 *                 a smaller group's answers are withheld, so no one's answers can be read off an average
 */
public record WellbeingSettings(int surveyEvery, OptionalInt dailyCap, int breakAfterMinutes, int minGroup) {
    public static final int DEFAULT_SURVEY_EVERY = 10;
    public static final int DEFAULT_DAILY_CAP = 100;
    public static final int DEFAULT_BREAK_AFTER_MINUTES = 60;
    public static final int DEFAULT_MIN_GROUP = 5;
    /** A pause at least this long ends a stretch of work for the break reminder. */
    public static final int PAUSE_MINUTES = 10;

    /** The paper's 10 affect items (PANAS-style), each rated 0 "not at all" … 4 "very". */
    public static final List<String> ITEMS = List.of("upset", "hostile", "alert", "ashamed", "inspired", "nervous",
            "determined", "attentive", "afraid", "active");

    public static final WellbeingSettings DEFAULT = new WellbeingSettings(DEFAULT_SURVEY_EVERY,
            OptionalInt.of(DEFAULT_DAILY_CAP), DEFAULT_BREAK_AFTER_MINUTES, DEFAULT_MIN_GROUP);
}
