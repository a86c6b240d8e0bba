package org.redteam.wellbeing;

import org.redteam.problem.RedteamException;

/** The worker reached the campaign's daily exposure cap; answered with 409 and a kind message. */
public final class DailyCapException extends RedteamException {

    public DailyCapException(int cap) {
        super(Kind.CONFLICT, "you have reached today's limit of " + cap + " tasks (the campaign's daily_cap); "
                + "thank you — please come back after 00:00 UTC");
    }
}
