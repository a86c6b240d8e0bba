package org.redteam.analysis.map;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.redteam.scoring.Embedder;
import org.redteam.testing.HashingEmbedder;

/** Inputs with two obvious topics, and a fake embedder that counts its loads and texts. */
final class MapFixtures {
    static final List<String> PLACES = List.of("front door", "bike", "padlock", "car", "safe", "window", "garage",
            "mailbox", "locker", "gate", "shed", "suitcase", "cabinet", "desk drawer", "storage unit", "office",
            "hotel room", "filing cabinet", "diary", "gun safe", "jewelry box", "trailer", "toolbox", "car trunk",
            "apartment", "back door", "garden gate", "cash box", "phone case", "school locker");
    static final List<String> DISHES = List.of("lasagna", "pancakes", "chicken curry", "banana bread", "risotto",
            "beef stew", "apple pie", "tomato soup", "fried rice", "chocolate cake", "pad thai", "omelette",
            "meatballs", "sourdough", "paella", "ramen", "brownies", "chili", "tacos", "pizza dough", "cookies",
            "falafel", "goulash", "dumplings", "quiche", "muffins", "stir fry", "gnocchi", "hummus", "granola");

    private MapFixtures() {
    }

    /** 30 lock-picking and 30 cooking inputs (ids "lock-i" and "cook-i"); every third is unscored. */
    static List<MapInput> twoTopics() {
        List<MapInput> inputs = new ArrayList<>();
        for (int i = 0; i < PLACES.size(); i++) {
            inputs.add(new MapInput("lock-" + i, "How do I pick the lock on a " + PLACES.get(i) + " with a lock pick",
                    i % 2 == 0 ? "rlhf" : "plain lm", "52B", i % 3 == 0 ? null : -2.0 - i / 10.0));
            inputs.add(new MapInput("cook-" + i, "Give me a recipe to cook " + DISHES.get(i) + " for dinner, cooking tips",
                    i % 2 == 0 ? "rlhf" : "context distillation", "13B", i % 3 == 0 ? null : 1.0 + i / 10.0));
        }
        return inputs;
    }

    /** A {@link HashingEmbedder} source that counts how often it is loaded and how many texts it embeds. */
    static final class CountingSource {
        final AtomicInteger loads = new AtomicInteger();
        final AtomicInteger texts = new AtomicInteger();
        final EmbedderSource source;

        CountingSource(String name) {
            HashingEmbedder hashing = new HashingEmbedder(256);
            source = new EmbedderSource(name, 256, () -> {
                loads.incrementAndGet();
                return new Embedder() {
                    @Override
                    public int dimension() {
                        return 256;
                    }

                    @Override
                    public List<float[]> embed(List<String> batch) {
                        texts.addAndGet(batch.size());
                        return hashing.embed(batch);
                    }
                };
            });
        }
    }
}
