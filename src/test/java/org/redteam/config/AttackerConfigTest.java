package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code attackers:} list: id, strategy, backend as for targets, max_turns, examples and shots. */
class AttackerConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    @TempDir
    Path dir;

    private CampaignConfig parse(String attackers) {
        return loader.parse("campaign.yaml", "name: automated\n" + attackers
                + "targets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n");
    }

    @Test
    void withoutAttackersThereAreNone() {
        assertThat(parse("").attackers()).isEmpty();
    }

    @Test
    void readsEachStrategyWithItsDefaults() throws Exception {
        Path suite = Files.writeString(dir.resolve("suite.jsonl"), "");
        List<AttackerSpec> attackers = parse("""
                attackers:
                  - {id: zs, strategy: zero-shot, backend: {kind: demo}}
                  - {id: fs, strategy: few-shot, backend: {kind: demo, seed: 2}, examples: "%s", shots: 5}
                  - {id: mt, strategy: multi-turn, backend: {kind: demo}}
                  - {id: mt5, strategy: multi-turn, backend: {kind: demo}, max_turns: 5}
                """.formatted(suite)).attackers();

        assertThat(attackers).containsExactly(
                new AttackerSpec("zs", AttackerSpec.Strategy.ZERO_SHOT, new BackendSpec.Demo(0), 1, Optional.empty(), 3),
                new AttackerSpec("fs", AttackerSpec.Strategy.FEW_SHOT, new BackendSpec.Demo(2), 1, Optional.of(suite), 5),
                new AttackerSpec("mt", AttackerSpec.Strategy.MULTI_TURN, new BackendSpec.Demo(0), 3, Optional.empty(), 3),
                new AttackerSpec("mt5", AttackerSpec.Strategy.MULTI_TURN, new BackendSpec.Demo(0), 5, Optional.empty(), 3));
    }

    @Test
    void examplesStoreTakesAFewShotAttackersExamplesFromTheStoreAndOnlyAFewShotOnes() {
        assertThat(parse("""
                attackers:
                  - {id: fs, strategy: few-shot, backend: {kind: demo}, examples: store}
                """).attackers()).containsExactly(new AttackerSpec("fs", AttackerSpec.Strategy.FEW_SHOT,
                new BackendSpec.Demo(0), 1, Optional.empty(), 3, true));
        assertThatThrownBy(() -> parse("""
                attackers:
                  - {id: zs, strategy: zero-shot, backend: {kind: demo}, examples: store}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("attackers[0].examples: only a few-shot attacker reads examples");
    }

    @Test
    void namesEveryBadKeyOfAnAttacker() {
        assertThatThrownBy(() -> parse("""
                attackers:
                  - {id: "bad id", strategy: best-shot, backend: {kind: nope}, colour: red}
                  - {id: zs, strategy: zero-shot, max_turns: 2}
                  - {id: fs, strategy: few-shot, backend: {kind: demo}}
                  - {id: fs, strategy: few-shot, backend: {kind: demo}, examples: "suite.jsonl", colour: red}
                  - {id: mt, strategy: multi-turn, backend: {kind: demo}, max_turns: 0}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: attackers[0].id: 'bad id' must be")
                .hasMessageContaining("attackers[0].strategy: unknown strategy 'best-shot' (known: zero-shot, few-shot, multi-turn)")
                .hasMessageContaining("attackers[0].backend.kind: unknown backend 'nope'")
                .hasMessageContaining("attackers[0].colour: unknown key")
                .hasMessageContaining("attackers[1].backend: required")
                .hasMessageContaining("attackers[1].max_turns: only a multi-turn attacker")
                .hasMessageContaining("attackers[2].examples: required for few-shot")
                .hasMessageContaining("attackers[3].colour: unknown key")
                .hasMessageContaining("attackers[4].max_turns: must be between 1 and 20");
    }

    @Test
    void aFewShotAttackersExamplesNeedNotExistYetAsAttackReadsThem() {
        // People are served the campaign before the suite of their successful attacks can be made from the store.
        assertThat(parse("""
                attackers:
                  - {id: fs, strategy: few-shot, backend: {kind: demo}, examples: "not/made/yet.jsonl"}
                """).attackers().get(0).examples()).contains(Path.of("not/made/yet.jsonl"));
    }

    @Test
    void refusesTwoAttackersWithOneId() {
        assertThatThrownBy(() -> parse("""
                attackers:
                  - {id: zs, strategy: zero-shot, backend: {kind: demo}}
                  - {id: zs, strategy: multi-turn, backend: {kind: demo}}
                """)).hasMessageContaining("attackers[1].id: duplicate attacker id 'zs'");
    }
}
