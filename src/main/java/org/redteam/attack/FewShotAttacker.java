package org.redteam.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code few-shot} (Perez et al. 2022): shows the attacker model {@code shots} successful human attacks (their first
 * messages), drawn for each attack from a suite with the run's seed, and asks for a new one; one turn.
 */
final class FewShotAttacker implements Attacker {
    private final AttackerModel model;
    private final List<String> examples;
    private final int shots;
    private final String template = AttackerModel.template("few-shot.txt");

    /** @param examples the first human messages of the suite's attacks, in suite order; at least one */
    FewShotAttacker(AttackerModel model, List<String> examples, int shots) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a few-shot attacker needs at least one example");
        }
        this.model = model;
        this.examples = List.copyOf(examples);
        this.shots = Math.min(shots, examples.size());
    }

    @Override
    public String next(AttackTurn turn) {
        StringBuilder list = new StringBuilder();
        List<String> shown = examples(turn.index(), turn.seed());
        for (int i = 0; i < shown.size(); i++) {
            list.append(i + 1).append(". ").append(shown.get(i).replace('\n', ' ')).append('\n');
        }
        return model.ask(AttackerModel.fill(template, Map.of("examples", list.toString().stripTrailing())),
                turn.requestSeed());
    }

    /** The examples shown for attack {@code index}: {@code shots} distinct ones, the same for the same seed. */
    List<String> examples(int index, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < shots; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            chosen.add(examples.get(order[i]));
        }
        return chosen;
    }
}
