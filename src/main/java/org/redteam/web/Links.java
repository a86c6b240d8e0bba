package org.redteam.web;

import io.javalin.http.Context;
import java.util.Optional;

/** Absolute links handed to people (invite links), on the server's {@link PublicAddress}. */
final class Links {
    private final PublicAddress address;

    Links(PublicAddress address) {
        this.address = address;
    }

    String invite(Context ctx, String secret) {
        return base(ctx) + "/invite/" + secret;
    }

    /** The campaign's open study link (crowd-work platforms add their worker id parameter to it). */
    String study(Context ctx, String secret) {
        return base(ctx) + "/study/" + secret;
    }

    String base(Context ctx) {
        if (address.baseUrl().isPresent()) {
            return address.baseUrl().get();
        }
        Optional<String> host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).filter(h -> !h.isBlank());
        if (address.trustedProxy().filter(ctx.ip()::equals).isPresent() && host.isPresent()) {
            String proto = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).filter("https"::equalsIgnoreCase)
                    .map(p -> "https").orElse("http");
            return proto + "://" + host.get().strip();
        }
        return "http://localhost:" + ctx.req().getLocalPort();
    }
}
