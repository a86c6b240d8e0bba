package org.redteam.analysis.map;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The attack map's own stylesheet and script, classpath resources next to this class, written inline by
 * {@code analysis/attackMap.jte} (the report is one offline file). Code of this package, never data: the only
 * instances are the two constants.
 */
public final class MapAsset implements Content {
    public static final MapAsset STYLE = new MapAsset("attack-map.css");
    public static final MapAsset SCRIPT = new MapAsset("attack-map.js");

    private final String code;

    private MapAsset(String name) {
        try (InputStream in = MapAsset.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath next to " + MapAsset.class.getName());
            }
            code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(code);
    }
}
