package org.redteam.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Recruiting through a crowd-work platform such as Prolific or MTurk ({@code crowd:} in the campaign file).
 *
 * @param openStudyLink   {@code GET /study/{secret}?ID_PARAM=X} signs in (creating on first visit) the red teamer
 *                        with external id X ({@code open_study_link}, default false: no study link)
 * @param idParam         the query parameter that carries the platform's worker id ({@code id_param}, default
 *                        {@code PROLIFIC_PID}; {@code workerId} for MTurk)
 * @param completionUrl   where the completion page sends a finished worker back to, {@code {code}} replaced by the
 *                        set's completion code, URL-encoded ({@code completion_url}, optional)
 * @param redirectSeconds after this many seconds the completion page goes to the completion URL on its own
 *                        ({@code redirect_seconds}, optional; needs {@code completion_url})
 */
public record CrowdSettings(boolean openStudyLink, String idParam, Optional<String> completionUrl, OptionalInt redirectSeconds) {
    public static final String DEFAULT_ID_PARAM = "PROLIFIC_PID";
    public static final String CODE = "{code}";

    /** No crowd platform: no study link, no completion URL. */
    public static final CrowdSettings NONE = new CrowdSettings(false, DEFAULT_ID_PARAM, Optional.empty(), OptionalInt.empty());

    public CrowdSettings {
        Objects.requireNonNull(idParam, "idParam");
        Objects.requireNonNull(completionUrl, "completionUrl");
        Objects.requireNonNull(redirectSeconds, "redirectSeconds");
    }

    /** The completion URL for {@code code}, with {@code {code}} replaced by it, URL-encoded. */
    public Optional<String> completionUrlFor(String code) {
        return completionUrl.map(u -> u.replace(CODE, URLEncoder.encode(code, StandardCharsets.UTF_8)));
    }
}
