package org.redteam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser-like session on the pages over plain HTTP, without a browser: signs in with an invite
 * link, keeps the session cookie, follows no redirects (tests assert them) and adds the session's CSRF
 * token to every form it posts.
 */
public final class PageSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String cookie;
    private String csrf;

    private PageSession(String baseUrl, String cookie) {
        this.baseUrl = baseUrl;
        this.cookie = cookie;
    }

    /** Uses the invite link as the browser's "Continue" button does. */
    public static PageSession signIn(TestPlatform platform, String inviteSecret) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/invite/" + inviteSecret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("external_id=")).build();
        HttpResponse<String> response = send(http, request);
        String setCookie = response.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("the invite did not set a session cookie: "
                        + response.statusCode() + " " + response.body()));
        return new PageSession(platform.baseUrl(), setCookie.substring(0, setCookie.indexOf(';')));
    }

    /** A session on the cookie a sign-in response set (its {@code Set-Cookie} header), e.g. the study link's. */
    public static PageSession fromSetCookie(TestPlatform platform, HttpResponse<String> signIn) {
        String setCookie = signIn.headers().firstValue("Set-Cookie")
                .orElseThrow(() -> new IllegalStateException("the response did not set a session cookie"));
        return new PageSession(platform.baseUrl(), setCookie.substring(0, setCookie.indexOf(';')));
    }

    public HttpResponse<String> get(String path) {
        return send(http, HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie).build());
    }

    /** Posts a form of name, value pairs (plus {@code _csrf}). */
    public HttpResponse<String> post(String path, String... namesAndValues) {
        StringJoiner form = new StringJoiner("&");
        form.add("_csrf=" + enc(csrf()));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(enc(namesAndValues[i]) + "=" + enc(namesAndValues[i + 1]));
        }
        return send(http, HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
    }

    /** Posts {@code body} as {@code contentType} with the session cookie but without any CSRF token. */
    public HttpResponse<String> postWithoutCsrf(String path, String contentType, String body) {
        return send(http, HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Cookie", cookie)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Where a redirect points, or "" for a response that is not one. */
    public static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private String csrf() {
        if (csrf == null) {
            Matcher m = CSRF.matcher(get("/leave").body());
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on /leave: is the session signed in?");
            }
            csrf = m.group(1);
        }
        return csrf;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
