package org.redteam.config;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the {@code crowd:} block of a campaign file into {@link CrowdSettings}; every error names its key. */
final class CrowdConfig {
    static final int MAX_REDIRECT_SECONDS = 600;

    private CrowdConfig() {
    }

    static CrowdSettings parse(Node c) {
        if (!c.isObject()) {
            c.error("", "must be a mapping such as {open_study_link: true, id_param: PROLIFIC_PID, "
                    + "completion_url: \"https://app.prolific.com/submissions/complete?cc={code}\"}");
            return CrowdSettings.NONE;
        }
        c.onlyKeys(Set.of("open_study_link", "id_param", "completion_url", "redirect_seconds"));
        boolean open = c.optionalBoolean("open_study_link").orElse(false);
        String idParam = c.optionalText("id_param").orElse(CrowdSettings.DEFAULT_ID_PARAM);
        if (!idParam.matches("[A-Za-z0-9_.-]{1,64}")) {
            c.error("id_param", "'" + idParam + "' must be a query parameter name: 1–64 letters, digits, '_', '.' or '-' "
                    + "(PROLIFIC_PID for Prolific, workerId for MTurk)");
        }
        Optional<String> url = c.optionalText("completion_url");
        url.filter(u -> !isWebAddress(u)).ifPresent(u -> c.error("completion_url",
                "'" + u + "' must be an http:// or https:// address, with {code} where the completion code goes"));
        Optional<Integer> seconds = c.intInRange("redirect_seconds", 0, MAX_REDIRECT_SECONDS);
        if (seconds.isPresent() && url.isEmpty()) {
            c.error("redirect_seconds", "needs completion_url: the page redirects there");
        }
        return new CrowdSettings(open, idParam, url,
                seconds.map(OptionalInt::of).orElse(OptionalInt.empty()));
    }

    private static boolean isWebAddress(String url) {
        if (url.chars().anyMatch(ch -> ch <= ' ' || ch == '"' || ch == '<' || ch == '>')) {
            return false;
        }
        try {
            URI uri = URI.create(url.replace(CrowdSettings.CODE, "CODE"));
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
