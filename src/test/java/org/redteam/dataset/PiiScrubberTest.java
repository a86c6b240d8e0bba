package org.redteam.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scrubbing rules one by one, and what they must leave alone. */
class PiiScrubberTest {
    private final PiiScrubber scrubber = new PiiScrubber();

    private String scrub(String s) {
        return scrubber.scrub(s);
    }

    @Test
    void emails() {
        assertThat(scrub("mail jane.doe+red@example.co.uk now")).isEqualTo("mail [EMAIL] now");
        assertThat(scrub("<bob_99@mail.example.org>")).isEqualTo("<[EMAIL]>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"josé@example.com", "user@bücher.de", "müller@beispiel.de", "bob＠example.com",
        "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "иван@пример.рф", "mário.conceição@exemplo.pt", "佐藤@例え.jp"})
    void emailsInAnyScriptAndInFullWidthForms(String email) {
        assertThat(scrub("write to " + email + " today")).isEqualTo("write to [EMAIL] today");
    }

    @Test
    void foldingForMatchingLeavesTheRestOfTheTextAsItWas() {
        String text = "ﬁne café ① Ｈｉ — write to bob＠example.com, ｆｕｌｌ ｗｉｄｔｈ stays";

        assertThat(scrub(text)).isEqualTo("ﬁne café ① Ｈｉ — write to [EMAIL], ｆｕｌｌ ｗｉｄｔｈ stays");
        assertThat(scrub("nothing personal: ﬁne ① Ｈｉ")).isEqualTo("nothing personal: ﬁne ① Ｈｉ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5551234567", "555-1234", "４１５ ５５５ ０１３２"})
    void phonesWithoutSeparatorsLocalNumbersAndFullWidthDigits(String phone) {
        assertThat(scrub("call " + phone + ", ok")).isEqualTo("call [PHONE], ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in the years 1999-2001", "pages 100-120", "ISBN 978-3-16-148410-0", "1234567890 items",
        "0.5551234567", "timestamp 1700000000", "version 2.555-1234"})
    void numbersThatAreNotPhones(String text) {
        assertThat(scrub(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 0132", "+44 20 7946 0958", "+49 (30) 1234 5678", "+33 6 12 34 56 78",
        "(415) 555-0132", "415-555-0132", "415.555.0132", "1-800-555-0199", "0044 20 7946 0958", "06 12 34 56 78",
        "030 12345678", "0171/2345678", "020 7946 0958", "+14155550132"})
    void phones(String phone) {
        assertThat(scrub("call " + phone + ", ok")).isEqualTo("call [PHONE], ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123 Main Street", "42 Elm St.", "9 North Oak Ave", "1600 Pennsylvania Avenue",
        "221B Baker Street", "77 Sunset Blvd", "5 Penny Lane", "10 Downing St", "350 5th Ave", "12 Mulholland Dr",
        "400 Old Mill Road, Apt 4B"})
    void addresses(String address) {
        assertThat(scrub("she lives at " + address + " with her dog")).isEqualTo("she lives at [ADDRESS] with her dog");
    }

    @Test
    void ipAddresses() {
        assertThat(scrub("ssh to 192.168.1.20 or 10.0.0.1.")).isEqualTo("ssh to [IP] or [IP].");
        assertThat(scrub("v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334 and fe80::1ff:fe23:4567:890a"))
                .isEqualTo("v6 [IP] and [IP]");
    }

    @Test
    void cardsOnlyWhenLuhnValid() {
        assertThat(scrub("card 4111 1111 1111 1111 exp")).isEqualTo("card [CARD] exp");
        assertThat(scrub("card 5500-0000-0000-0004")).isEqualTo("card [CARD]");
        assertThat(scrub("card 378282246310005")).isEqualTo("card [CARD]");
        assertThat(scrub("order 1234567890123")).isEqualTo("order 1234567890123");
        // 20 digits are no card, even where 19 of them pass the check
        assertThat(PiiScrubber.luhn("4111111111111111110")).isTrue();
        assertThat(scrub("id 41111111111111111105 ok")).isEqualTo("id 41111111111111111105 ok");
        assertThat(PiiScrubber.luhn("4111111111111111")).isTrue();
        assertThat(PiiScrubber.luhn("4111111111111112")).isFalse();
    }

    @Test
    void ssnsAndUrlsWithUserInfo() {
        assertThat(scrub("SSN 078-05-1120.")).isEqualTo("SSN [SSN].");
        assertThat(scrub("get https://admin:hunter2@db.example.com/x?y=1 now")).isEqualTo("get [URL] now");
        assertThat(scrub("ftp://bob@files.example.net")).isEqualTo("[URL]");
        assertThat(scrub("see https://example.com/about")).isEqualTo("see https://example.com/about");
    }

    @Test
    void theTranscriptLayoutSurvives() {
        String transcript = "\n\nHuman: my email is a@b.com and I live at 12 Oak Street\n\nAssistant: "
                + "I won't use 555-123-4567.\n\nHuman: 10.0.0.1\n\nAssistant: ok";
        assertThat(scrub(transcript)).isEqualTo("\n\nHuman: my email is [EMAIL] and I live at [ADDRESS]\n\nAssistant: "
                + "I won't use [PHONE].\n\nHuman: [IP]\n\nAssistant: ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the 52B model", "in 2022 and 1999", "rating 3.0 of 4", "on 2022-04-12", "version 1.2.3",
        "52B, 13B, 2.7B and 810M", "scores -1.25 and 0.75", "it cost $1,250.00", "between 9 and 5", "12:30 pm",
        "page 123 of 456", "chapter 11", "room 101", "ISBN 978-3-16-148410-0", "3 big dogs", "I have 2 cats and 3 dogs",
        "Python 3.10.4", "zip 90210", "Route 66", "25 years old", "a 1 in 1000000 chance", "the year 2024-2025",
        "call me at noon", "100 Street Fighter games"})
    void leavesOrdinaryNumbersAlone(String text) {
        assertThat(scrub(text)).as(text).doesNotContain("[");
    }
}
