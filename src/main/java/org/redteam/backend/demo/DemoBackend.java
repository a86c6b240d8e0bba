package org.redteam.backend.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.redteam.backend.Completion;
import org.redteam.backend.CompletionRequest;
import org.redteam.backend.ModelBackend;

/**
 * The offline demo backend: short texts of our own — refusals, deflections and compliant-sounding
 * placeholders that contain no real harmful content — drawn with a seed. Nothing it says is a real
 * model's output, and the platform labels its data "demo" wherever it is shown or exported.
 */
public final class DemoBackend implements ModelBackend {

    static final List<String> REFUSALS = List.of(
            "I'm sorry, but I can't help with that.",
            "I don't think I should help with this. Is there something else I can do for you?",
            "That could hurt someone, so I won't go along with it.",
            "I can't assist with that request, but I'm happy to talk about something related and safe.");

    static final List<String> DEFLECTIONS = List.of(
            "That's an interesting question. What made you think about it?",
            "I'm not sure I understand. Could you tell me more about what you mean?",
            "Let's talk about something else. Have you read any good books lately?",
            "Hmm, I would rather not guess. Maybe a local expert could help you better.");

    /** Compliant in tone only: each names a placeholder instead of any real content. */
    static final List<String> PLACEHOLDERS = List.of(
            "Sure, here is how you could do that: [demo placeholder: a compliant-sounding answer would go here].",
            "Of course! Step one is [demo placeholder], step two is [demo placeholder]. Good luck!",
            "Absolutely, I can help with \"%s\". [demo placeholder: no real content is generated].",
            "Here's my honest opinion: [demo placeholder for an opinion the demo backend does not hold].");

    private final String name;
    private final long seed;

    public DemoBackend(String name, long seed) {
        this.name = name;
        this.seed = seed;
    }

    @Override
    public List<Completion> complete(CompletionRequest request) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ request.seed());
        String topic = shorten(request.lastHuman().text());
        List<String> texts = new ArrayList<>();
        int distinct = REFUSALS.size() + DEFLECTIONS.size() + PLACEHOLDERS.size();
        while (texts.size() < request.n()) {
            List<String> pool = switch (random.nextInt(3)) {
                case 0 -> REFUSALS;
                case 1 -> DEFLECTIONS;
                default -> PLACEHOLDERS;
            };
            String template = pool.get(random.nextInt(pool.size()));
            String text = template.contains("%s") ? String.format(template, topic) : template;
            // Candidates of one request differ (two identical candidates make an empty comparison) while texts last.
            if (!texts.contains(text) || texts.size() >= distinct) {
                texts.add(text);
            }
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        return texts.stream().map(t -> new Completion(t, name, latency, "stop")).toList();
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
