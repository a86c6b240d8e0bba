package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code coverage:} block: task-page hints are opt-in. */
class CoverageConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    private CampaignConfig parse(String coverage) {
        return loader.parse("campaign.yaml", "name: study\n" + coverage
                + "targets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n");
    }

    @Test
    void hintsAreOffUnlessTheFileTurnsThemOn() {
        assertThat(parse("").coverage()).isEqualTo(CoverageSettings.OFF);
        assertThat(parse("coverage: {}\n").coverage().hints()).isFalse();
        assertThat(parse("coverage: {hints: true}\n").coverage().hints()).isTrue();
        // The older constructors and with… methods keep the default, and with… keeps the block.
        CampaignConfig on = parse("coverage: {hints: true}\n");
        assertThat(on.withPay(PaySettings.NONE).coverage().hints()).isTrue();
        assertThat(new CampaignConfig("x", "", "", java.util.List.of(), java.util.List.of(), 1, 1, java.util.Optional.empty(),
                on.targets()).coverage()).isEqualTo(CoverageSettings.OFF);
    }

    @Test
    void namesABadValueOrKey() {
        assertThatThrownBy(() -> parse("coverage: {hints: \"yes\", tags: 3}\n"))
                .hasMessageContaining("campaign.yaml: coverage.hints: must be true or false")
                .hasMessageContaining("campaign.yaml: coverage.tags: unknown key");
        assertThatThrownBy(() -> parse("coverage: true\n")).hasMessageContaining("coverage: must be a mapping");
    }
}
