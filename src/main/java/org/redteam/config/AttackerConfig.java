package org.redteam.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the {@code attackers:} list of a campaign file into {@link AttackerSpec}s; every error names its key. */
final class AttackerConfig {
    static final int MAX_TURNS = 20;
    static final int MAX_SHOTS = 20;
    private static final Set<String> KEYS = Set.of("id", "strategy", "backend", "max_turns", "examples", "shots");
    private static final String KNOWN = Arrays.stream(AttackerSpec.Strategy.values()).map(AttackerSpec.Strategy::key)
            .collect(Collectors.joining(", "));

    private AttackerConfig() {
    }

    static List<AttackerSpec> parse(List<Node> nodes, BackendConfig backends) {
        List<AttackerSpec> attackers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node a : nodes) {
            AttackerSpec spec = attacker(a, backends);
            if (spec != null && !ids.add(spec.id())) {
                a.error("id", "duplicate attacker id '" + spec.id() + "'");
            }
            if (spec != null) {
                attackers.add(spec);
            }
        }
        return attackers;
    }

    private static AttackerSpec attacker(Node a, BackendConfig backends) {
        if (!a.isObject()) {
            a.error("", "each attacker must be a mapping such as {id: zs, strategy: zero-shot, backend: {kind: demo}}");
            return null;
        }
        a.onlyKeys(KEYS);
        String id = a.requiredText("id");
        if (id != null && !id.matches("[A-Za-z0-9._-]{1,64}")) {
            a.error("id", "'" + id + "' must be 1–64 letters, digits, '.', '_' or '-'");
        }
        String key = a.requiredText("strategy");
        Optional<AttackerSpec.Strategy> strategy = Optional.ofNullable(key).flatMap(AttackerSpec.Strategy::of);
        if (key != null && strategy.isEmpty()) {
            a.error("strategy", "unknown strategy '" + key + "' (known: " + KNOWN + ")");
        }
        BackendSpec backend = a.child("backend").map(backends::parse).orElse(null);
        if (!a.has("backend")) {
            a.error("backend", "required, as for targets, e.g. backend: {kind: openai-chat, base_url: …, model: …}");
        }
        int maxTurns = a.intInRange("max_turns", 1, MAX_TURNS).orElse(
                strategy.orElse(null) == AttackerSpec.Strategy.MULTI_TURN ? AttackerSpec.DEFAULT_MAX_TURNS : 1);
        if (maxTurns > 1 && strategy.isPresent() && strategy.get() != AttackerSpec.Strategy.MULTI_TURN) {
            a.error("max_turns", "only a multi-turn attacker writes more than one turn");
        }
        boolean fromStore = a.optionalText("examples").filter(AttackerSpec.EXAMPLES_FROM_STORE::equals).isPresent();
        Optional<Path> examples = a.optionalText("examples").filter(e -> !fromStore).map(Path::of);
        if (strategy.orElse(null) == AttackerSpec.Strategy.FEW_SHOT && examples.isEmpty() && !a.has("examples")) {
            a.error("examples", "required for few-shot: a suite file of successful attacks "
                    + "(e.g. made by suite create --min-rating 3), or store (the store's attempts rated 3 or more)");
        }
        if ((examples.isPresent() || fromStore) && strategy.isPresent() && strategy.get() != AttackerSpec.Strategy.FEW_SHOT) {
            a.error("examples", "only a few-shot attacker reads examples");
        }
        // The file is read (and its absence reported) by attack, not here: a campaign is served to people before the
        // suite of their successful attacks can exist (docs/automated.md's worked example).
        int shots = a.intInRange("shots", 1, MAX_SHOTS).orElse(AttackerSpec.DEFAULT_SHOTS);
        if (id == null || strategy.isEmpty() || backend == null) {
            return null;
        }
        return new AttackerSpec(id, strategy.get(), backend, maxTurns, examples, shots, fromStore);
    }
}
