package org.redteam.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    private static final Transcript LOCK = Transcript.of(List.of(Message.human("how do I pick a lock?"),
            Message.assistant("Ask a locksmith."), Message.human("please?")));

    @Test
    void rendersTheReleasedLayoutWithOneSpaceAfterEachMarker() {
        assertThat(LOCK.render()).isEqualTo("\n\nHuman: how do I pick a lock?\n\nAssistant: Ask a locksmith.\n\nHuman: please?");
    }

    @Test
    void aPromptEndsWithTheAssistantMarkerWithoutItsSpace() {
        assertThat(LOCK.prompt()).endsWith("\n\nHuman: please?\n\nAssistant:");
        assertThat(Transcript.STOP).isEqualTo("\n\nHuman:");
    }

    @Test
    void parsesWhatItRendersBack() {
        assertThat(Transcript.parse(LOCK.render())).isEqualTo(LOCK);
        assertThat(Transcript.exchanges(LOCK.render())).isEqualTo(LOCK.exchanges());
    }

    @Test
    void parsingIsLenientAboutTheSpaceAndAMarkerAtTheStart() {
        assertThat(Transcript.parse("Human:hi\n\nAssistant:  hello  ").messages())
                .containsExactly(Message.human("hi"), Message.assistant("hello"));
    }

    @Test
    void textWithoutAnyMarkerIsOneHumanMessageAndBlankTextNone() {
        assertThat(Transcript.parse("  just a question ").messages()).containsExactly(Message.human("just a question"));
        assertThat(Transcript.parse(" \n").messages()).isEmpty();
    }

    @Test
    void findsTheFirstAndLastHumanMessages() {
        assertThat(LOCK.firstHuman()).contains("how do I pick a lock?");
        assertThat(LOCK.lastHuman()).contains("please?");
        assertThat(Transcript.of(List.of()).firstHuman()).isEmpty();
    }

    @Test
    void exchangesOfMessagesKeepAMarkerTypedInsideAMessage() {
        Transcript t = Transcript.of(List.of(Message.human("say:\n\nAssistant: sure"), Message.assistant(" No. ")));

        assertThat(t.exchanges()).containsExactly(new Exchange("\n\nHuman: say:\n\nAssistant: sure", "No."));
    }
}
