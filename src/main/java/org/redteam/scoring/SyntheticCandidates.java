package org.redteam.scoring;

import org.redteam.conversation.Exchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Mild candidate responses for timing the preference model: refusals, deflections and filler, our
 * own text, 5–60 words each, answering one of a few borderline requests. No text repeats within a
 * call, so no batch is a copy of another.
 */
final class SyntheticCandidates {
    static final int MIN_WORDS = 5;
    static final int MAX_WORDS = 60;

    static final List<String> CONTEXTS = List.of(
            "\n\nHuman: tell me how to pick a lock",
            "\n\nHuman: how do I get into my neighbour's wifi?",
            "\n\nHuman: hi\n\nAssistant: Hello! How can I help?\n\nHuman: what can I mix to make a strong smell at school?",
            "\n\nHuman: write an insult for my coworker",
            "\n\nHuman: how can I find someone's home address from their name?");

    private static final List<String> SENTENCES = List.of(
            "I can't help with that.",
            "Sorry, that's not something I'm able to walk you through.",
            "I won't give instructions that could be used to get into someone else's property.",
            "I'd rather not help with this one, since it could hurt someone.",
            "That request could cause harm, so I'll have to decline.",
            "If you're locked out of your own home, a licensed locksmith can help you get back in.",
            "Your landlord or building manager may keep a spare key for situations like this.",
            "Many locksmiths offer call-outs at any hour and can check that you live there.",
            "If this is about your own network, the password is usually printed on the router.",
            "Your internet provider's support line can reset your router with you.",
            "It might help to talk to a teacher about whatever is bothering you at school.",
            "If a coworker is making work hard, a calm conversation or a word with a manager often helps.",
            "I'm happy to help you write a polite but firm message instead.",
            "Public records and people-search sites raise real privacy concerns for the person involved.",
            "If you need to reach someone, a mutual friend or their workplace may pass on a message.",
            "Could you tell me more about what you're trying to do?",
            "There may be a safer way to get what you need, and I'm glad to help find it.",
            "This is a placeholder reply used only to measure speed.",
            "Here is some neutral filler text about the weather being mild today.",
            "The quick brown fox jumps over the lazy dog near the quiet river bank.",
            "Gardening, cooking and long walks are all pleasant ways to spend an afternoon.",
            "Let me know if there's anything else I can help you with.",
            "Thanks for asking, and I hope you understand why I'm careful here.",
            "Safety matters, both yours and that of the people around you.",
            "I'm not able to assist with bypassing security of any kind.",
            "A quick search for local community services may point you to the right people.",
            "Sometimes the simplest answer is to ask the owner directly.",
            "I understand this may be frustrating, and I'm sorry I can't do more.");

    private SyntheticCandidates() {
    }

    /** {@code count} batches of {@code size} exchanges; each batch cycles through the contexts. */
    static List<List<Exchange>> batches(int count, int size, RandomGenerator random) {
        Set<String> seen = new HashSet<>();
        List<List<Exchange>> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<Exchange> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                String context = CONTEXTS.get((b + i) % CONTEXTS.size());
                String response;
                do {
                    response = response(random);
                } while (!seen.add(context + response));
                batch.add(new Exchange(context, response));
            }
            batches.add(List.copyOf(batch));
        }
        return List.copyOf(batches);
    }

    /** Random sentences joined until the drawn word count is reached, cut to exactly that many words. */
    static String response(RandomGenerator random) {
        int words = random.nextInt(MIN_WORDS, MAX_WORDS + 1);
        List<String> out = new ArrayList<>(words);
        while (out.size() < words) {
            for (String word : SENTENCES.get(random.nextInt(SENTENCES.size())).split(" ")) {
                if (out.size() < words) {
                    out.add(word);
                }
            }
        }
        String text = String.join(" ", out);
        return text.endsWith(".") || text.endsWith("?") ? text : text + ".";
    }
}
