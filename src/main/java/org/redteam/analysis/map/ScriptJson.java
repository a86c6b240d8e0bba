package org.redteam.analysis.map;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * JSON text that is safe as the body of an HTML {@code <script type="application/json">} element, so a page can
 * carry data for its script without a request: a template writes it with {@code ${data}} inside that element and
 * the script reads it with {@code JSON.parse(element.textContent)}. {@link #escape} is the one place that makes it
 * so; nothing else may write a {@code Content} of data text.
 */
final class ScriptJson implements Content {
    private final String text;

    private ScriptJson(String text) {
        this.text = text;
    }

    /** {@code json}, a JSON text, escaped by {@link #escape}. */
    static ScriptJson of(String json) {
        return new ScriptJson(escape(json));
    }

    /** The escaped JSON text, as it goes into the page. */
    String text() {
        return text;
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(text);
    }

    /**
     * {@code json} with no {@code <}, {@code >} or {@code &} (so nothing in it can end the script element, open an
     * HTML comment or read as a character reference), no U+2028 or U+2029 (line ends to older JavaScript) and no
     * control character (U+0000–U+001F, U+007F–U+009F: the HTML parser would replace NUL and fold CR). For valid
     * JSON the value stays the same: all of these but tab, LF and CR can stand only inside strings, where they are
     * written {@code \}{@code uXXXX}; tab, LF and CR can stand only between tokens, where they are written as a space.
     */
    static String escape(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                case '\t', '\n', '\r' -> out.append(' ');
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(String.format("%04x", (int) c));
    }
}
