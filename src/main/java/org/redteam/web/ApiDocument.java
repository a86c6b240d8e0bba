package org.redteam.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the JSON API, as written in
 * {@code openapi.json} beside this class (docs/openapi.json is a copy; OpenApiDocumentTest keeps both true).
 * Public: it describes the API and holds no data.
 */
final class ApiDocument {
    static final String PATH = "/api/openapi.json";
    private final byte[] document;

    ApiDocument() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("org/redteam/web/openapi.json is missing from the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/redteam/web/openapi.json", e);
        }
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType(ContentType.APPLICATION_JSON).result(document));
    }
}
