package org.redteam.web;

import gg.jte.Content;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Model output as people read it: CommonMark (with GFM tables) rendered to HTML that cannot run or fetch
 * anything. Raw HTML in the text is escaped and shown as text; link URLs keep only http, https, mailto and
 * relative addresses (anything else, {@code javascript:} and {@code data:} among them, becomes an empty
 * href) and links carry {@code rel="nofollow noopener noreferrer"}; images are never loaded (a red-team page
 * must not make a reader's browser fetch an address an attacker chose): an image shows as its alt text and
 * its address, as text. Line breaks inside a paragraph are kept, as models mean them.
 */
public final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .softbreak("<br>\n")
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .nodeRendererFactory(InertImage::new)
            .build();

    private Markdown() {
    }

    /** The text as safe HTML, for a template ({@code $unsafe} is never needed). */
    public static Content render(String text) {
        String html = html(text);
        return output -> output.writeContent(html);
    }

    /** The text as safe HTML. */
    static String html(String text) {
        return RENDERER.render(PARSER.parse(text == null ? "" : text));
    }

    /** An image as text: "[image: alt] address", never an {@code <img>}. */
    private static final class InertImage implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        InertImage(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            html.tag("span", Map.of("class", "md-image"));
            html.text("[image: ");
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            html.text("] " + ((Image) node).getDestination());
            html.tag("/span");
        }
    }
}
