package org.redteam.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;
import org.redteam.conversation.Message;
import org.redteam.problem.BackendUnavailableException;

/**
 * An attacker's model: one of our prompts (a resource file of this package, with {@code {topic}}, {@code {examples}}
 * or {@code {conversation}} filled in) sent as one human message; the reply, trimmed of blank space and wrapping
 * quotes, is the attack's next message.
 */
final class AttackerModel {
    private static final Pattern SLOT = Pattern.compile("\\{(topic|examples|conversation)}");
    private final String attackerId;
    private final ModelBackend backend;

    AttackerModel(String attackerId, ModelBackend backend) {
        this.attackerId = Objects.requireNonNull(attackerId, "attackerId");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** {@code template} with its slots filled in one pass (filled text is never read as a slot). */
    static String fill(String template, Map<String, String> slots) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(slots.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }

    String ask(String prompt, long seed) {
        List<Completion> replies;
        try {
            replies = backend.complete(new CompletionRequest(List.of(Message.human(prompt)), 1, seed));
        } catch (BackendUnavailableException e) {
            throw e.prefixed("attacker " + attackerId + ": ");
        }
        String text = replies.isEmpty() ? "" : clean(replies.get(0).text());
        if (text.isBlank()) {
            throw new BackendUnavailableException("attacker " + attackerId + " gave an empty message");
        }
        return text;
    }

    static String clean(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** The prompt resource {@code name} of this package. */
    static String template(String name) {
        try (InputStream in = AttackerModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no prompt resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
