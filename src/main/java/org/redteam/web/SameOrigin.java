package org.redteam.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.redteam.problem.AccessDeniedException;

/**
 * Before-handler against cross-site forms, the layer under the CSRF token and the only one on the
 * sign-in POST (login CSRF: another site signing a victim into the attacker's account). A
 * state-changing request is refused (403, before any handler, so no session is set) when the browser
 * says it came from another site ({@code Sec-Fetch-Site: cross-site}) or its {@code Origin} is neither
 * the request's own ({@code scheme://host}, as a proxy forwards them) nor the configured base URL's
 * ({@code Origin: null} alone is not refused: see {@link #check}).
 * Requests without those headers (curl, API clients) pass, and so does any request with a bearer token:
 * a browser never adds that header on its own.
 */
final class SameOrigin {
    private static final Set<HandlerType> STATE_CHANGING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final Optional<String> baseOrigin;

    /** @param baseUrl the public address (e.g. behind a proxy), as for {@link Links}; empty = none */
    SameOrigin(Optional<String> baseUrl) {
        this.baseOrigin = baseUrl.map(SameOrigin::originOf);
    }

    void check(Context ctx) {
        if (!STATE_CHANGING.contains(ctx.method()) || hasBearerToken(ctx)) {
            return;
        }
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new AccessDeniedException("this form was sent from another site; open the page on this site and try again");
        }
        // "null" says nothing: browsers send it for same-origin forms under Referrer-Policy: no-referrer
        // (ours, see SecurityHeaders); Sec-Fetch-Site above still tells a cross-site one.
        String origin = ctx.header("Origin");
        if (origin != null && !origin.strip().equals("null") && !allowed(ctx, originOf(origin))) {
            throw new AccessDeniedException("this form was sent from another site; open the page on this site and try again");
        }
    }

    /** {@code origin} is normalised; "" (not a URL) matches nothing. */
    private boolean allowed(Context ctx, String origin) {
        if (origin.isEmpty()) {
            return false;
        }
        if (baseOrigin.isPresent() && baseOrigin.get().equals(origin)) {
            return true;
        }
        String host = Optional.ofNullable(ctx.header("Host")).orElse("");
        String forwardedHost = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(host);
        String scheme = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
        return !host.isEmpty() && (origin.equals(originOf(scheme + "://" + host))
                || origin.equals(originOf(scheme + "://" + forwardedHost))
                || origin.equals(originOf(ctx.scheme() + "://" + host)));
    }

    private static boolean hasBearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** {@code scheme://host[:port]} in lower case, without a default port; "" for something that is not a URL. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
