package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.output.StringOutput;
import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void rendersCommonMarkAndTables() {
        assertThat(Markdown.html("# Steps\n\n1. **first**\n2. `second`\n"))
                .isEqualTo("<h1>Steps</h1>\n<ol>\n<li><strong>first</strong></li>\n<li><code>second</code></li>\n</ol>\n");
        assertThat(Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n")).contains("<table>").contains("<td>1</td>");
        assertThat(Markdown.html("```\ntell me how to pick a lock\n```\n"))
                .isEqualTo("<pre><code>tell me how to pick a lock\n</code></pre>\n");
    }

    @Test
    void keepsLineBreaksInsideAParagraph() {
        assertThat(Markdown.html("first line\nsecond line")).isEqualTo("<p>first line<br>\nsecond line</p>\n");
    }

    @Test
    void escapesRawHtmlBlocksAndInlines() {
        assertThat(Markdown.html("<script>alert(1)</script>"))
                .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        assertThat(Markdown.html("<div onclick=\"x()\">\n\nhi\n</div>"))
                .doesNotContain("<div").contains("&lt;div onclick=&quot;x()&quot;&gt;");
        assertThat(Markdown.html("a <img src=x onerror=alert(1)> b")).doesNotContain("<img").contains("&lt;img src=x");
    }

    @Test
    void linksGetOnlySafeSchemesAndNoFollowRel() {
        assertThat(Markdown.html("[docs](https://example.org/a?b=1&c=2)"))
                .isEqualTo("<p><a rel=\"nofollow noopener noreferrer\" href=\"https://example.org/a?b=1&amp;c=2\">docs</a></p>\n");
        assertThat(Markdown.html("[x](javascript:alert(1))")).contains("href=\"\"").doesNotContain("javascript");
        assertThat(Markdown.html("[x](JaVaScRiPt:alert(1))")).contains("href=\"\"").doesNotContainIgnoringCase("javascript");
        assertThat(Markdown.html("[x](data:text/html,hi)")).contains("href=\"\"").doesNotContain("data:");
        assertThat(Markdown.html("[x](vbscript:msgbox)")).contains("href=\"\"");
        assertThat(Markdown.html("<javascript:alert(1)>")).doesNotContain("href=\"javascript");
        assertThat(Markdown.html("<https://example.org>")).contains("href=\"https://example.org\"").contains("rel=\"nofollow");
        assertThat(Markdown.html("[x](\"onmouseover=alert(1))")).doesNotContain(" onmouseover");
    }

    @Test
    void imagesAreNeverLoaded() {
        String html = Markdown.html("![a lock](https://attacker.example/p.png)");
        assertThat(html).doesNotContain("<img")
                .isEqualTo("<p><span class=\"md-image\">[image: a lock] https://attacker.example/p.png</span></p>\n");
        assertThat(Markdown.html("![x](javascript:alert(1) \"t\")")).doesNotContain("<img");
        assertThat(Markdown.html("[![x](https://a.example/i.png)](https://b.example)")).doesNotContain("<img")
                .contains("href=\"https://b.example\"");
    }

    @Test
    void writesAsJteContent() {
        StringOutput out = new StringOutput();
        Markdown.render("*hi* <b>").writeTo(out);
        assertThat(out.toString()).isEqualTo("<p><em>hi</em> &lt;b&gt;</p>\n");
        StringOutput empty = new StringOutput();
        Markdown.render(null).writeTo(empty);
        assertThat(empty.toString()).isEmpty();
    }
}
