package org.redteam.web;

import io.javalin.http.Context;

/**
 * Headers on every response, set before any handler runs so that error pages and static files carry
 * them too. The pages load script only from {@code /static} (no inline script, no event attributes);
 * the analysis report has inline CSS and SVG, hence {@code 'unsafe-inline'} for styles only and
 * {@code data:} images. {@code Referrer-Policy: no-referrer} because invite links carry secrets.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void add(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }
}
