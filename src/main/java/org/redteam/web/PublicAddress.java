package org.redteam.web;

import java.util.Optional;

/**
 * Where people reach this server, for the links it hands out (invite links). {@code baseUrl} when configured
 * ({@code --base-url}); otherwise the address of the proxy's {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}
 * only for requests that come from {@code trustedProxy} (an IP address); otherwise {@code http://localhost:PORT}
 * on the port the request arrived at. A request's own {@code Host} header is never used: anyone can send one.
 */
public record PublicAddress(Optional<String> baseUrl, Optional<String> trustedProxy) {

    public PublicAddress {
        baseUrl = baseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    }

    public static PublicAddress of(Optional<String> baseUrl) {
        return new PublicAddress(baseUrl, Optional.empty());
    }
}
