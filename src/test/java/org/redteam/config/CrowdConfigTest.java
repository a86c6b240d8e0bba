package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The {@code crowd:} block: study link, id parameter, completion URL and automatic redirect. */
class CrowdConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    private CampaignConfig parse(String crowd) {
        return loader.parse("campaign.yaml", "name: study\n" + crowd
                + "targets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n");
    }

    @Test
    void withoutACrowdBlockThereIsNoStudyLink() {
        assertThat(parse("").crowd()).isEqualTo(CrowdSettings.NONE);
        assertThat(CrowdSettings.NONE.openStudyLink()).isFalse();
    }

    @Test
    void readsTheBlockAndDefaultsTheIdParameterToProlifics() {
        CrowdSettings crowd = parse("""
                crowd:
                  open_study_link: true
                  completion_url: "https://app.prolific.com/submissions/complete?cc={code}"
                  redirect_seconds: 5
                """).crowd();
        assertThat(crowd).isEqualTo(new CrowdSettings(true, "PROLIFIC_PID",
                Optional.of("https://app.prolific.com/submissions/complete?cc={code}"), OptionalInt.of(5)));
        assertThat(parse("crowd: {open_study_link: true, id_param: workerId}\n").crowd().idParam()).isEqualTo("workerId");
    }

    @Test
    void theCompletionUrlGetsTheCodeUrlEncoded() {
        CrowdSettings crowd = new CrowdSettings(true, "PROLIFIC_PID", Optional.of("https://example.org/done?cc={code}&x=1"),
                OptionalInt.empty());
        assertThat(crowd.completionUrlFor("A B&C")).contains("https://example.org/done?cc=A+B%26C&x=1");
        assertThat(CrowdSettings.NONE.completionUrlFor("X")).isEmpty();
    }

    @Test
    void namesEveryBadFieldOfTheBlock() {
        assertThatThrownBy(() -> parse("""
                crowd:
                  open_study_link: "yes"
                  id_param: "PROLIFIC PID"
                  completion_url: "javascript:alert(1)"
                  redirect_seconds: 9999
                  colour: blue
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: crowd.open_study_link: must be true or false")
                .hasMessageContaining("campaign.yaml: crowd.id_param: 'PROLIFIC PID' must be a query parameter name")
                .hasMessageContaining("campaign.yaml: crowd.completion_url: 'javascript:alert(1)' must be an http:// or https:// address")
                .hasMessageContaining("campaign.yaml: crowd.redirect_seconds: must be between 0 and 600, got 9999")
                .hasMessageContaining("campaign.yaml: crowd.colour: unknown key");
    }

    @Test
    void anAutomaticRedirectNeedsACompletionUrl() {
        assertThatThrownBy(() -> parse("crowd: {open_study_link: true, redirect_seconds: 3}\n"))
                .hasMessageContaining("campaign.yaml: crowd.redirect_seconds: needs completion_url");
        assertThatThrownBy(() -> parse("crowd: true\n"))
                .hasMessageContaining("campaign.yaml: crowd: must be a mapping");
    }
}
