package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.TestPlatform;

/**
 * The OpenAPI document (org/redteam/web/openapi.json, served at {@code GET /api/openapi.json}, copied to
 * docs/openapi.json) is kept honest: it is valid OpenAPI 3.1; it documents exactly the {@code /api} routes the
 * server registers; every example fits its schema; and the real answers of a scripted walk through the whole
 * API ({@link ApiTour}) fit the schema of their route and status, so a response record and the document cannot
 * drift apart (response schemas refuse undocumented fields).
 */
class OpenApiDocumentTest {
    static final String BASE = "https://redteam.invalid/openapi.json";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @TempDir
    Path dir;

    final String text = resource();
    final JsonNode doc = read(text);
    final SchemaRegistry schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(BASE, text)));

    @Test
    void isValidOpenApi31() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
    }

    @Test
    void documentsExactlyTheRegisteredApiRoutes() {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            Set<String> registered = platform.server().unsafe.internalRouter.allHttpHandlers().stream()
                    .map(e -> e.endpoint).filter(e -> e.method.isHttpMethod() && e.path.startsWith("/api/"))
                    .map(e -> e.method + " " + e.path).collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = new TreeSet<>();
            doc.get("paths").properties().forEach(p -> p.getValue().properties().stream()
                    .filter(m -> METHODS.contains(m.getKey()))
                    .forEach(m -> documented.add(m.getKey().toUpperCase() + " " + p.getKey())));
            assertThat(registered).as("registered /api routes").hasSizeGreaterThanOrEqualTo(18);
            assertThat(documented).as("routes in openapi.json").isEqualTo(registered);
        }
    }

    @Test
    void everyExampleFitsItsSchema() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Media media : media()) {
            for (Map.Entry<String, JsonNode> example : media.node().path("examples").properties()) {
                JsonNode value = example.getValue().get("value");
                String where = media.pointer() + "/examples/" + example.getKey();
                if (media.type().equals("text/event-stream")) {
                    checked += events(value.asText(), media.node().get("x-events"), media.pointer(), where, wrong);
                } else {
                    wrong.addAll(problems(media.pointer() + "/schema", value.toString(), where));
                    checked++;
                }
            }
        }
        assertThat(wrong).as("%d examples checked", checked).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(40);
    }

    @Test
    void everySuccessfulAnswerHasAnExample() {
        List<String> missing = new ArrayList<>();
        for (Media media : media()) {
            boolean success = media.pointer().matches(".*/responses/2\\d\\d/.*");
            if (success && !media.pointer().contains("openapi.json") && media.node().path("examples").isEmpty()) {
                missing.add(media.pointer());
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void realAnswersOfAWalkThroughTheApiFitTheirSchemas() throws Exception {
        List<ApiTour.Exchange> exchanges = ApiTour.run(dir);
        List<String> wrong = new ArrayList<>();
        Set<String> succeeded = new TreeSet<>();
        for (ApiTour.Exchange e : exchanges) {
            String operation = "/paths/" + escape(e.route()) + "/" + e.method().toLowerCase();
            JsonNode response = doc.at(operation + "/responses/" + e.status());
            if (response.isMissingNode()) {
                wrong.add(e + ": status " + e.status() + " is not documented for " + e.method() + " " + e.route());
                continue;
            }
            String pointer = response.has("$ref") ? response.get("$ref").asText().substring(1) : operation + "/responses/" + e.status();
            if (!e.events().isEmpty()) {
                JsonNode events = doc.at(pointer + "/content/text~1event-stream/x-events");
                for (var event : e.events()) {
                    JsonNode ref = events.path(event.name()).path("$ref");
                    if (ref.isMissingNode()) {
                        wrong.add(e + ": event '" + event.name() + "' is not documented");
                    } else {
                        wrong.addAll(problems(ref.asText().substring(1), event.data().toString(), e + " event " + event.name()));
                    }
                }
            } else if (e.body().isEmpty()) {
                if (doc.at(pointer).has("content")) {
                    wrong.add(e + ": no body, but the document describes one");
                }
            } else if (!doc.at(pointer).has("content")) {
                wrong.add(e + ": a body the document does not describe: " + e.body());
            } else {
                wrong.addAll(problems(pointer + "/content/application~1json/schema", e.body(), e.toString()));
            }
            if (e.status() / 100 == 2) {
                succeeded.add(e.method() + " " + e.route());
            }
        }
        assertThat(wrong).as("%d exchanges", exchanges.size()).isEmpty();
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().stream().filter(m -> METHODS.contains(m.getKey()))
                .forEach(m -> documented.add(m.getKey().toUpperCase() + " " + p.getKey())));
        assertThat(succeeded).as("operations the walk got a 2xx answer from").isEqualTo(documented);
    }

    @Test
    void theServerServesTheDocumentAndDocsHoldsTheSameCopy() throws Exception {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.baseUrl() + ApiDocument.PATH)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(served.body()).isEqualTo(text);
        }
        assertThat(Files.readString(Path.of("docs/openapi.json")).equals(text))
                .as("docs/openapi.json is a copy of src/main/resources/org/redteam/web/openapi.json: copy it again").isTrue();
    }

    /** A media type object of a request body or response: its JSON pointer in the document, its type and the node. */
    record Media(String pointer, String type, JsonNode node) {
    }

    /** Every media type object under paths and components/responses. */
    List<Media> media() {
        List<Media> all = new ArrayList<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().stream().filter(m -> METHODS.contains(m.getKey())).forEach(m -> {
            String op = "/paths/" + escape(p.getKey()) + "/" + m.getKey();
            collect(op + "/requestBody", m.getValue().path("requestBody"), all);
            m.getValue().path("responses").properties().forEach(r -> collect(op + "/responses/" + r.getKey(), r.getValue(), all));
        }));
        doc.path("components").path("responses").properties()
                .forEach(r -> collect("/components/responses/" + r.getKey(), r.getValue(), all));
        return all;
    }

    private static void collect(String pointer, JsonNode holder, List<Media> into) {
        holder.path("content").properties().forEach(c -> into.add(new Media(pointer + "/content/" + escape(c.getKey()), c.getKey(), c.getValue())));
    }

    /** Checks each {@code data:} of a server-sent event stream against the schema its event name maps to; returns how many. */
    private int events(String stream, JsonNode schemas, String pointer, String where, List<String> wrong) {
        int n = 0;
        for (String block : stream.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name == null || data == null || !schemas.has(name)) {
                wrong.add(where + ": event block without a documented event name and data: " + block);
                continue;
            }
            wrong.addAll(problems(pointer + "/x-events/" + name, data, where + " event " + name));
            n++;
        }
        return n;
    }

    /** What is wrong with {@code json} by the schema at {@code pointer} in the document; empty when it fits. */
    List<String> problems(String pointer, String json, String where) {
        Schema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(err -> where + ": $" + err.getInstanceLocation() + " " + err.getMessage()).toList();
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String resource() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
