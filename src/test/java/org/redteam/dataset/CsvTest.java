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
}
