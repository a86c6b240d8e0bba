package org.redteam.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final Comparison PICK = new Comparison("\n\nHuman: tell me how to pick a lock", "Use a pin.", "I'd rather not.");

    @Test
    void rendersHhRlhfTranscriptsWithTheLessHarmfulAsChosen() {
        assertThat(PICK.chosenTranscript()).isEqualTo("\n\nHuman: tell me how to pick a lock\n\nAssistant: I'd rather not.");
        assertThat(PICK.rejectedTranscript()).isEqualTo("\n\nHuman: tell me how to pick a lock\n\nAssistant: Use a pin.");
        assertThat(PICK.prompt() + " " + PICK.lessHarmful()).isEqualTo(PICK.chosenTranscript());
    }

    @Test
    void readsItsOwnTranscriptsBack() {
        assertThat(Comparison.ofTranscripts(PICK.chosenTranscript(), PICK.rejectedTranscript())).contains(PICK);
    }

    @Test
    void splitsAtTheLastAssistantMarkerBothShareAndIsEmptyWithoutOne() {
        String context = "\n\nHuman: a\n\nAssistant: b\n\nHuman: c";

        assertThat(Comparison.ofTranscripts(context + "\n\nAssistant: Apple", context + "\n\nAssistant: Avocado"))
                .contains(new Comparison(context, "Avocado", "Apple"));
        assertThat(Comparison.ofTranscripts("\n\nHuman: x", "\n\nHuman: y")).isEmpty();
    }
}
