package org.redteam.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The quoting rule the reviews export documents (docs/data-formats.md): a field is quoted only when it holds a
 * comma, a double quote, CR or LF. Apache Commons CSV's minimal quoting also quotes an empty first field, a
 * field starting with a character up to '#' (space, '!', '"', '#') and one ending in whitespace, so it would
 * change these bytes; this test pins them.
 */
class CsvTest {

    @Test
    void quotesOnlyFieldsHoldingACommaQuoteOrLineBreak() {
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void leavesEverythingElseAsItIs() {
        assertThat(Csv.field("")).isEmpty();
        assertThat(Csv.field(" leading space")).isEqualTo(" leading space");
        assertThat(Csv.field("trailing space ")).isEqualTo("trailing space ");
        assertThat(Csv.field("#hashtag")).isEqualTo("#hashtag");
        assertThat(Csv.field("!bang")).isEqualTo("!bang");
        assertThat(Csv.field("tab\tinside")).isEqualTo("tab\tinside");
        assertThat(Csv.field("=1+1")).isEqualTo("=1+1");
    }

    @Test
    void neutralisesTextThatASpreadsheetWouldEvaluate() {
        for (String dangerous : java.util.List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(Csv.neutralised(dangerous)).as(dangerous).isEqualTo("'" + dangerous);
        }
        assertThat(Csv.neutralised("")).isEmpty();
        assertThat(Csv.neutralised("a=1")).isEqualTo("a=1");
        assertThat(Csv.neutralised("'=1")).isEqualTo("'=1");
        assertThat(Csv.neutralised("#hashtag")).isEqualTo("#hashtag");
    }

    @Test
    void textCellsAreNeutralisedThenQuotedAsRfc4180Requires() {
        // OWASP's example: the prefix goes inside the quotes, and the quote in the text is doubled
        assertThat(Csv.TextCells.NEUTRALISED.field("=1+2\";=1+2")).isEqualTo("\"'=1+2\"\";=1+2\"");
        assertThat(Csv.TextCells.NEUTRALISED.field("=A1,B1")).isEqualTo("\"'=A1,B1\"");
        assertThat(Csv.TextCells.NEUTRALISED.field("\rx")).isEqualTo("\"'\rx\"");
        assertThat(Csv.TextCells.NEUTRALISED.field("-")).isEqualTo("'-");
        assertThat(Csv.TextCells.NEUTRALISED.field("plain, text")).isEqualTo("\"plain, text\"");
    }

    @Test
    void rawTextCellsAreOnlyQuoted() {
        assertThat(Csv.TextCells.RAW.field("=1+2\";=1+2")).isEqualTo("\"=1+2\"\";=1+2\"");
        assertThat(Csv.TextCells.RAW.field("@x")).isEqualTo("@x");
        assertThat(Csv.TextCells.RAW.field("-0.5")).isEqualTo("-0.5");
    }
}
