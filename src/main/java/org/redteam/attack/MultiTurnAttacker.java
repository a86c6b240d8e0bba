package org.redteam.attack;

import java.util.Map;
import org.redteam.conversation.Transcript;

/**
 * {@code multi-turn}: opens as {@code zero-shot} does, then reads the conversation (the target's replies included)
 * and writes the next message, up to {@code maxTurns}; the run stops earlier when its first judge says the target
 * broke.
 */
final class MultiTurnAttacker implements Attacker {
    private final ZeroShotAttacker opening;
    private final AttackerModel model;
    private final int maxTurns;
    private final String template = AttackerModel.template("multi-turn.txt");

    MultiTurnAttacker(AttackerModel model, int maxTurns) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, got " + maxTurns);
        }
        this.opening = new ZeroShotAttacker(model);
        this.model = model;
        this.maxTurns = maxTurns;
    }

    @Override
    public String next(AttackTurn turn) {
        if (turn.conversation().isEmpty()) {
            return opening.next(turn);
        }
        String conversation = Transcript.of(turn.conversation()).render().strip();
        return model.ask(AttackerModel.fill(template, Map.of("topic", turn.topic(), "conversation", conversation)),
                turn.requestSeed());
    }

    @Override
    public int maxTurns() {
        return maxTurns;
    }
}
