package org.redteam.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;

/** Answers with a fixed script, in order and cycling; records how often it was called. */
public final class ScriptedBackend implements ModelBackend {
    private final List<String> script;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    public ScriptedBackend(String... script) {
        this.script = List.of(script);
    }

    @Override
    public List<Completion> complete(CompletionRequest request) {
        calls.incrementAndGet();
        List<Completion> out = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            out.add(new Completion(script.get(Math.floorMod(next.getAndIncrement(), script.size())), "scripted", 0, "stop"));
        }
        return out;
    }

    public int calls() {
        return calls.get();
    }
}
