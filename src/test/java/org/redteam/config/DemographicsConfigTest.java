package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code demographics:} block: off by default, the paper-like default questions, a campaign's own questions. */
class DemographicsConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    private CampaignConfig parse(String block) {
        return loader.parse("campaign.yaml", "name: study\n" + block
                + "targets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n");
    }

    @Test
    void withoutTheBlockNobodyIsAsked() {
        assertThat(parse("").demographics()).isEqualTo(DemographicsSettings.NONE);
        assertThat(DemographicsSettings.NONE.enabled()).isFalse();
    }

    @Test
    void enabledWithoutQuestionsAsksThePaperLikeDefaultsEachWithPreferNotToSay() {
        DemographicsSettings d = parse("demographics: {enabled: true}\n").demographics();
        assertThat(d.enabled()).isTrue();
        assertThat(d.minGroup()).isEqualTo(5);
        assertThat(d.questions()).extracting(DemographicsSettings.Question::id)
                .containsExactly("age", "gender", "race_ethnicity", "education", "country");
        assertThat(d.questions()).allMatch(q -> q.choices().contains(DemographicsSettings.PREFER_NOT));
    }

    @Test
    void readsTheCampaignsOwnQuestionsAndMinimumGroup() {
        DemographicsSettings d = parse("demographics:\n  enabled: true\n  min_group: 10\n  questions:\n"
                + "    - {id: region, text: 'Where do you live?', choices: [North, South, Prefer not to say]}\n").demographics();
        assertThat(d).isEqualTo(new DemographicsSettings(true, 10, List.of(new DemographicsSettings.Question("region",
                "Where do you live?", List.of("North", "South", "Prefer not to say")))));
    }

    @Test
    void namesEveryBadFieldOfTheBlock() {
        assertThatThrownBy(() -> parse("demographics:\n  enabled: yes please\n  min_group: 1\n  colour: red\n  questions:\n"
                + "    - {id: 'a b', text: Q, choices: [x]}\n    - {id: c, choices: [x, x]}\n    - {id: c, text: Q, choices: [x, y]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("demographics.enabled: must be")
                .hasMessageContaining("demographics.min_group: must be between 2 and")
                .hasMessageContaining("demographics.colour: unknown key")
                .hasMessageContaining("demographics.questions[0].id: 'a b' must be 1 to 64 letters")
                .hasMessageContaining("demographics.questions[0].choices: must list 2 to 40 answers, got 1")
                .hasMessageContaining("demographics.questions[1].text: required")
                .hasMessageContaining("demographics.questions[1].choices: lists an answer twice")
                .hasMessageContaining("demographics.questions[2].id: duplicate question id 'c'");
        assertThatThrownBy(() -> parse("demographics: true\n")).hasMessageContaining("demographics: must be a mapping");
        assertThatThrownBy(() -> parse("demographics: {enabled: true, questions: []}\n"))
                .hasMessageContaining("demographics.questions: lists no question");
    }

    @Test
    void everyOlderConstructorAndWithMethodKeepsNoQuestionnaire() {
        CampaignConfig demo = DemoCampaign.config();
        assertThat(demo.demographics()).isEqualTo(DemographicsSettings.NONE);
        DemographicsSettings on = new DemographicsSettings(true, 5, DemographicsSettings.DEFAULT_QUESTIONS);
        CampaignConfig asked = demo.withDemographics(on);
        assertThat(asked.withJudges(List.of()).withPay(PaySettings.NONE).withCrowd(CrowdSettings.NONE)
                .withExpertiseAreas(List.of("x")).demographics()).isEqualTo(on);
    }
}
