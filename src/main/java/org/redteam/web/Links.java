package org.redteam.web;

import io.javalin.http.Context;
import java.util.Optional;

/** Absolute links handed to people (invite links): the configured base URL, else the request's own. */
final class Links {
    private final Optional<String> baseUrl;

    Links(Optional<String> baseUrl) {
        this.baseUrl = baseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    String invite(Context ctx, String secret) {
        return base(ctx) + "/invite/" + secret;
    }

    private String base(Context ctx) {
        return baseUrl.orElseGet(() -> {
            String proto = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
            String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.host());
            return proto + "://" + host;
        });
    }
}
