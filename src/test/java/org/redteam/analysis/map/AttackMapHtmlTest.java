package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttackMapHtmlTest {
    static final String HOSTILE = "</script><script>window.__x=1</script> & <img src=x onerror=\"window.__x=2\">";

    static AttackMap hostileMap() {
        return new AttackMap(List.of(
                new MapPoint("1", 0f, 0f, 0, "rlhf<b>", "52B", -3.0, HOSTILE),
                new MapPoint("2", 1f, 1f, 0, "plain lm", "2.7B", 2.0, "bake bread")),
                List.of(new AttackMap.Cluster(0, 2, List.of("</td><script>window.__x=3</script>"), 0.5f, 0.5f)),
                "all-MiniLM-L6-v2-q", 15, 42, 0, 0, 0, 2);
    }

    @Test
    void escapesEveryTextItShows() {
        String html = AttackMapHtml.fragment(hostileMap());

        assertThat(html).startsWith("<section class=\"attack-map\">").endsWith("</section>\n");
        assertThat(html).doesNotContain("window.__x=1</script>", "<img", "rlhf<b>", "<script>window.__x=3");
        assertThat(html).contains("\\u003c/script\\u003e\\u003cscript\\u003ewindow.__x=1", "rlhf&lt;b&gt;",
                "&lt;/td&gt;&lt;script&gt;window.__x=3&lt;/script&gt;");
        assertThat(html.split("</script>", -1)).hasSize(3);
    }

    @Test
    void rendersAnEmptyMap() {
        AttackMap empty = new AttackMap(List.of(), List.of(), "e", 15, 1, 0, 0, 0, 0);

        assertThat(AttackMapHtml.fragment(empty)).contains("0 attacks", "\"x\":[]", "\"clusters\":[]");
    }

    @Test
    void theDataBlockReadsBackAsTheMapsTextsWithoutABrowser() throws Exception {
        String html = AttackMapHtml.fragment(hostileMap());
        String open = "<script type=\"application/json\" class=\"am-data\">";

        // the HTML tokenizer ends a script element's text at the first "</script" (any case); ScriptJson leaves no '<'
        String body = html.substring(html.indexOf(open) + open.length());
        body = body.substring(0, body.toLowerCase(java.util.Locale.ROOT).indexOf("</script"));
        JsonNode data = new ObjectMapper().readTree(body);

        assertThat(data.get("l")).extracting(JsonNode::asText).containsExactly(HOSTILE, "bake bread");
        assertThat(data.get("types")).extracting(JsonNode::asText).containsExactly("plain lm", "rlhf<b>");
        assertThat(data.get("clusters").get(0).get("terms").get(0).asText()).isEqualTo("</td><script>window.__x=3</script>");
    }

    @Test
    void theSectionForAReportIsTheSameAsTheFragment() {
        StringOutput out = new StringOutput();

        AttackMapHtml.content(hostileMap()).writeTo(new OwaspHtmlTemplateOutput(out));

        assertThat(out.toString()).isEqualTo(AttackMapHtml.fragment(hostileMap()));
    }

    @Test
    void colourScaleIgnoresTheTwoPercentAtEachEnd() {
        List<MapPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            points.add(new MapPoint(String.valueOf(i), 0, 0, 0, "rlhf", "52B", i == 0 ? -50.0 : i / 25.0, "t"));
        }
        AttackMap map = new AttackMap(points, List.of(new AttackMap.Cluster(0, 101, List.of(), 0, 0)), "e", 15, 1, 0, 0, 0,
                0);

        // sorted scores: -50, 0.04, …, 4.0; 2nd percentile = index 2 (0.08), 98th = index 98 (3.92)
        assertThat(AttackMapHtml.colourScale(map)).isEqualTo(3.92);
        assertThat(AttackMapHtml.colourScale(AttackMapJsonTest.smallMap())).isEqualTo(1.25);
    }
}
