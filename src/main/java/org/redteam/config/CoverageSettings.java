package org.redteam.config;

/**
 * Coverage steering of a campaign ({@code coverage:} in the campaign file, issue 16).
 *
 * @param hints whether the red teamer's task page shows the least-covered harm tags and an example topic
 *              ({@code hints}, default false: opt-in)
 */
public record CoverageSettings(boolean hints) {
    public static final CoverageSettings OFF = new CoverageSettings(false);
}
