package org.redteam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.function.Function;

/**
 * A served reward model for tests, on a free loopback port: answers {@code POST /score} per
 * docs/preference-model-remote.md with a {@link Reply} the test chooses, and records each request.
 */
public final class FakePreferenceModelServer extends FakeHttpServer<FakePreferenceModelServer.Request> {

    /** One request as received: its parsed body and its Authorization header (null when absent). */
    public record Request(JsonNode body, String authorization, String contentType) {
        public int inputs() {
            return body.get("inputs").size();
        }
    }

    private FakePreferenceModelServer(Function<Request, Reply> replies) {
        super("/score", r -> new Request(r.body(), r.header("Authorization"), r.header("Content-Type")), replies);
    }

    /** Scores every input −length of its response, like {@link FakePreferenceModel}. */
    public static FakePreferenceModelServer minusLength() {
        return new FakePreferenceModelServer(FakePreferenceModelServer::minusLengthReply);
    }

    public static FakePreferenceModelServer replying(Function<Request, Reply> replies) {
        return new FakePreferenceModelServer(replies);
    }

    public static Reply minusLengthReply(Request request) {
        StringBuilder scores = new StringBuilder("{\"scores\": [");
        for (int i = 0; i < request.inputs(); i++) {
            scores.append(i == 0 ? "" : ", ")
                    .append(FakePreferenceModel.score(request.body().get("inputs").get(i).get("response").asText()));
        }
        return Reply.ok(scores.append("]}").toString());
    }

    public URI url() {
        return url("/score");
    }
}
