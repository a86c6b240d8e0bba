package org.redteam.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@code text/event-stream} answer written as things happen. The status line goes out with the first
 * event, so a failure before it is still answered with its own status and a JSON error. Events from
 * several threads are written whole, one at a time. A reader who has gone away is not an error: later
 * events are dropped, and what the request stored stays stored.
 */
final class EventStream {
    private final Context ctx;
    private final ObjectMapper json;
    private OutputStream out;
    private boolean gone;

    EventStream(Context ctx, ObjectMapper json) {
        this.ctx = ctx;
        this.json = json;
    }

    /** True when the client asked for server-sent events. */
    static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    synchronized boolean started() {
        return out != null;
    }

    /** Writes {@code event: name} with {@code data} as one line of JSON, and flushes it. */
    synchronized void send(String name, Object data) {
        if (gone) {
            return;
        }
        String line;
        try {
            line = "event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (out == null) {
                ctx.status(200);
                ctx.res().setContentType("text/event-stream;charset=utf-8");
                ctx.res().setHeader("Cache-Control", "no-store");
                ctx.res().setHeader("X-Accel-Buffering", "no"); // nginx: pass each event on at once
                out = ctx.res().getOutputStream();
            }
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            gone = true;
        }
    }
}
