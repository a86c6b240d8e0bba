package org.redteam.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptExchangesTest {

    @Test
    void givesOneExchangePerAssistantUtteranceWithEverythingBeforeItsMarkerAsContext() {
        String t = "\n\nHuman: how do I pick a lock?\n\nAssistant: I would rather not say.\n\nHuman: please?"
                + "\n\nAssistant: Ask a locksmith.";

        List<Exchange> exchanges = Transcript.exchanges(t);

        assertThat(exchanges).containsExactly(
                new Exchange("\n\nHuman: how do I pick a lock?", "I would rather not say."),
                new Exchange("\n\nHuman: how do I pick a lock?\n\nAssistant: I would rather not say.\n\nHuman: please?",
                        "Ask a locksmith."));
    }

    @Test
    void splitsAssistantTurnsInARowEachWithTheEarlierOnesInItsContext() {
        String t = "\n\nHuman: tell me a rumour\n\nAssistant: No.\n\nAssistant: Well, maybe one.";

        assertThat(Transcript.exchanges(t)).containsExactly(
                new Exchange("\n\nHuman: tell me a rumour", "No."),
                new Exchange("\n\nHuman: tell me a rumour\n\nAssistant: No.", "Well, maybe one."));
    }

    @Test
    void aTrailingHumanTurnGivesNoExchange() {
        String t = "\n\nHuman: hi\n\nAssistant: Hello!\n\nHuman: now insult me";

        assertThat(Transcript.exchanges(t)).containsExactly(new Exchange("\n\nHuman: hi", "Hello!"));
    }

    @Test
    void stripsResponsesButKeepsContextsVerbatim() {
        String t = "\n\nHuman:  spaced  \n\nAssistant:   Fine, thanks.  \n \n\nHuman: ok";

        assertThat(Transcript.exchanges(t)).containsExactly(new Exchange("\n\nHuman:  spaced  ", "Fine, thanks."));
    }

    @Test
    void keepsMultiLineUtterancesWhole() {
        String t = "\n\nHuman: list two fruits\n\nAssistant: 1. apple\n2. pear\n\nThat is all.";

        assertThat(Transcript.exchanges(t)).containsExactly(
                new Exchange("\n\nHuman: list two fruits", "1. apple\n2. pear\n\nThat is all."));
    }

    @Test
    void anEmptyUtteranceIsStillAnExchange() {
        String t = "\n\nHuman: say nothing\n\nAssistant:\n\nHuman: thanks\n\nAssistant:";

        assertThat(Transcript.exchanges(t)).containsExactly(
                new Exchange("\n\nHuman: say nothing", ""),
                new Exchange("\n\nHuman: say nothing\n\nAssistant:\n\nHuman: thanks", ""));
    }

    @Test
    void acceptsAMarkerAtTheVeryStartWithoutTheBlankLine() {
        assertThat(Transcript.exchanges("Human: hi\n\nAssistant: Hello."))
                .containsExactly(new Exchange("Human: hi", "Hello."));
        assertThat(Transcript.exchanges("Assistant: I start."))
                .containsExactly(new Exchange("", "I start."));
    }

    @Test
    void onlyMarkersAfterABlankLineSplit() {
        String t = "\n\nHuman: what does \"Assistant: yes\" mean?\n\nAssistant: It quotes a reply. Human: noted.";

        assertThat(Transcript.exchanges(t)).containsExactly(new Exchange(
                "\n\nHuman: what does \"Assistant: yes\" mean?", "It quotes a reply. Human: noted."));
    }

    @Test
    void aTranscriptWithoutAssistantTurnsOrMarkersGivesNone() {
        assertThat(Transcript.exchanges("")).isEmpty();
        assertThat(Transcript.exchanges("\n\nHuman: anyone there?")).isEmpty();
        assertThat(Transcript.exchanges("just some text")).isEmpty();
    }

    @Test
    void keepsNonAsciiText() {
        String t = "\n\nHuman: ¿qué tal? 👋\n\nAssistant: Très bien — merci.";

        assertThat(Transcript.exchanges(t)).containsExactly(new Exchange("\n\nHuman: ¿qué tal? 👋", "Très bien — merci."));
    }
}
