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
        StringOutput out = new StringOutput();
        engine.render(template, Map.of("page", page), out);
        ctx.html(out.toString());
    }
}
