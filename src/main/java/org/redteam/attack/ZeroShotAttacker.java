package org.redteam.attack;

import java.util.Map;

/** {@code zero-shot}: asks the attacker model for one attack on the attack's topic; one turn. */
final class ZeroShotAttacker implements Attacker {
    private final AttackerModel model;
    private final String template = AttackerModel.template("zero-shot.txt");

    ZeroShotAttacker(AttackerModel model) {
        this.model = model;
    }

    @Override
    public String next(AttackTurn turn) {
        return model.ask(AttackerModel.fill(template, Map.of("topic", turn.topic())), turn.requestSeed());
    }
}
