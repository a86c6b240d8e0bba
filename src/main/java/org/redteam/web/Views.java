package org.redteam.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the precompiled jte templates of {@code src/main/jte}. Templates escape every {@code ${…}}
 * for HTML, so model and worker text is never interpreted as markup.
 */
final class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    void render(Context ctx, String template, Object page) {
        ctx.html(render(template, Map.of("page", page)));
    }

    /** A template (or a fragment such as {@code adminNav.jte}) with its named parameters, as HTML text. */
    String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
