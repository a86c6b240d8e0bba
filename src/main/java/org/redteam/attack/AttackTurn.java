package org.redteam.attack;

import java.util.List;
import java.util.Objects;
import org.redteam.conversation.Message;

/**
 * What an attacker is asked for: the next message of attack {@code index} on {@code topic}, after the conversation so
 * far (empty at the start; else ending with the target's reply).
 *
 * @param seed the run's seed ({@code --seed}); an attacker mixes it with the index and turn into its requests
 */
public record AttackTurn(int index, String topic, List<Message> conversation, long seed) {

    public AttackTurn {
        Objects.requireNonNull(topic, "topic");
        conversation = List.copyOf(conversation);
    }

    /** The 0-based number of the human turn asked for. */
    public int turn() {
        return conversation.size() / 2;
    }

    /** A request seed for this turn of this attack. */
    long requestSeed() {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = 31 * h + index;
        return 31 * h + turn();
    }
}
