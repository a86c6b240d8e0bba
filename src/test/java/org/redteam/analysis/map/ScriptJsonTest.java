package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> HOSTILE = List.of(
            "</script><script>alert(1)</script>",
            "</SCRIPT\t><!--<script>alert(2)//-->",
            "a & b &amp; &#60; &lt;",
            "]]> --> <![CDATA[",
            "line\u2028paragraph\u2029end",
            "nul\u0000 bell\u0007 esc\u001b del\u007f c1\u0085\u009f",
            "tab\t lf\n cr\r crlf\r\n",
            "\"double' single \\ back /slash",
            "emoji 🙂, fullwidth ＜script＞, rtl \u202e");

    @Test
    void leavesNothingThatCouldEndTheElementOrChangeOnTheWayIn() throws Exception {
        String json = JSON.writeValueAsString(Map.of("labels", HOSTILE));

        String safe = ScriptJson.of(json).text();

        assertThat(safe).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        assertThat(safe.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
        // what the HTML parser hands to JSON.parse is the text itself: it has no '<', so the script element can
        // end only at the template's own </script>, and no NUL or CR for the parser's input stream to rewrite
        assertThat(JSON.readTree(safe)).isEqualTo(JSON.readTree(json));
        assertThat(JSON.readTree(safe).get("labels")).extracting(JsonNode::asText).containsExactlyElementsOf(HOSTILE);
    }

    @Test
    void writesEachCharacterAsItsUnicodeEscape() {
        assertThat(ScriptJson.of("{\"l\":\"</script>&\u2028\u2029\u0000\u007f\u0085\"}").text())
                .isEqualTo("{\"l\":\"\\u003c/script\\u003e\\u0026\\u2028\\u2029\\u0000\\u007f\\u0085\"}");
    }

    @Test
    void whitespaceBetweenTokensBecomesASpace() throws Exception {
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("l", List.of("<a>", 1)))
                .replace("\n", "\r\n\t");

        String safe = ScriptJson.of(pretty).text();

        assertThat(safe).doesNotContain("\n", "\r", "\t");
        assertThat(JSON.readTree(safe)).isEqualTo(JSON.readTree(pretty));
    }
}
