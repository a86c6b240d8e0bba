package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * An OpenAI-compatible server for tests, on a free loopback port: answers {@code POST /v1/chat/completions}
 * and {@code POST /v1/completions} with a {@link Reply} the test chooses (by default {@link #success}), and
 * records every request it received.
 */
public final class FakeOpenAiServer extends FakeHttpServer<FakeOpenAiServer.Request> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received: its path, parsed body and headers (null when absent), and when it arrived. */
    public record Request(String path, JsonNode body, String authorization, String contentType, long receivedNanos) {
        /** The {@code "n"} asked for; 1 when none was sent. */
        public int n() {
            return body.path("n").asInt(1);
        }

        public boolean stream() {
            return body.path("stream").asBoolean(false);
        }

        public boolean chat() {
            return path.endsWith("/chat/completions");
        }

        /** The last user message (chat) or the whole prompt (completions). */
        public String input() {
            if (chat()) {
                JsonNode messages = body.path("messages");
                return messages.get(messages.size() - 1).path("content").asText();
            }
            return body.path("prompt").asText();
        }
    }

    private FakeOpenAiServer() {
        super("/v1/", r -> new Request(r.path(), r.body(), r.header("Authorization"), r.header("Content-Type"),
                r.receivedNanos()), FakeOpenAiServer::success);
    }

    /** A server answering every request with {@link #success}. */
    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    @Override
    public FakeOpenAiServer reply(Function<Request, Reply> replies) {
        super.reply(replies);
        return this;
    }

    /** The base URL a backend is configured with: {@code http://127.0.0.1:port/v1}. */
    public URI baseUrl() {
        return url("/v1");
    }

    /** As many choices as asked for: "reply i to: <input end>", finish_reason "stop". */
    public static Reply success(Request request) {
        return choices(request, request.n());
    }

    /** {@code count} choices, whatever was asked for (fewer than n breaks the contract). */
    public static Reply choices(Request request, int count) {
        ObjectNode root = JSON.createObjectNode().put("id", "fake-1").put("model", request.body().path("model").asText());
        root.put("object", request.chat() ? "chat.completion" : "text_completion");
        ArrayNode choices = root.putArray("choices");
        String input = request.input();
        String tail = input.substring(Math.max(0, input.length() - 40));
        for (int i = 0; i < count; i++) {
            String text = "reply " + i + " to: " + tail;
            ObjectNode choice = choices.addObject().put("index", i).put("finish_reason", "stop");
            if (request.chat()) {
                choice.putObject("message").put("role", "assistant").put("content", text);
            } else {
                choice.put("text", " " + text + "\n");
            }
        }
        return Reply.ok(root.toString());
    }

    /**
     * As {@link #success}, streamed the way OpenAI streams: word by word, the choices interleaved, each
     * chunk {@code gapMillis} after the last, then a chunk with the finish reasons and {@code [DONE]}.
     */
    public static Reply streamed(Request request, long gapMillis) {
        JsonNode full = readTree(success(request).body()).get("choices");
        List<String[]> words = new java.util.ArrayList<>();
        full.forEach(c -> words.add((request.chat() ? c.path("message").path("content").asText() : c.path("text").asText())
                .split("(?<= )")));
        int longest = words.stream().mapToInt(w -> w.length).max().orElse(0);
        List<String> events = new java.util.ArrayList<>();
        for (int w = 0; w < longest; w++) {
            for (int i = 0; i < words.size(); i++) {
                if (w < words.get(i).length) {
                    events.add(chunk(request, i, words.get(i)[w], null));
                }
            }
        }
        for (int i = 0; i < words.size(); i++) {
            events.add(chunk(request, i, "", "stop"));
        }
        events.add("[DONE]");
        return Reply.events(events, gapMillis);
    }

    private static String chunk(Request request, int index, String text, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "fake-stream")
                .put("object", request.chat() ? "chat.completion.chunk" : "text_completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", index);
        if (request.chat()) {
            choice.putObject("delta").put("content", text);
        } else {
            choice.put("text", text);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root.toString();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One choice with exactly this text, in the request's API shape (a judge's scripted answer). */
    public static Reply text(Request request, String text) {
        ObjectNode root = JSON.createObjectNode().put("id", "fake-1").put("model", request.body().path("model").asText());
        root.put("object", request.chat() ? "chat.completion" : "text_completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        if (request.chat()) {
            choice.putObject("message").put("role", "assistant").put("content", text);
        } else {
            choice.put("text", text);
        }
        return Reply.ok(root.toString());
    }

    public static Reply rateLimited(Request request) {
        return new Reply(429, "{\"error\": {\"message\": \"Rate limit reached for requests\", \"type\": \"requests\"}}", 0);
    }

    public static Reply serverError(Request request) {
        return new Reply(500, "{\"error\": {\"message\": \"CUDA out of memory\"}}", 0);
    }

    public static Reply malformed(Request request) {
        return Reply.ok("<html>502 Bad Gateway</html>");
    }
}
