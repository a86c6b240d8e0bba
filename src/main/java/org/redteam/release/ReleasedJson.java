package org.redteam.release;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * The JSON settings of the released format. Layouts copy Python's {@code json.dump}, which wrote
 * the release: {@code indent=2} for the array file, default separators {@code ", "} and {@code ": "}
 * for JSON Lines, non-ASCII text unescaped. Doubles are written shortest-round-trip (like Python's
 * {@code repr}), so a score read from the release is written back with the same digits.
 */
public final class ReleasedJson {
    /**
     * Immutable and thread-safe once built. Parsers leave their source open (its owner closes it) and
     * quote at most 40 characters of a bad token in errors: the text is hostile and goes to users.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .errorReportConfiguration(ErrorReportConfiguration.builder().maxErrorTokenLength(40).maxRawContentLength(0).build())
            .build();

    private ReleasedJson() {
    }

    /** Python's {@code json.dump(obj, f, indent=2)}: one key or element per line, two spaces a level. */
    static PrettyPrinter indented() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    /** Python's {@code json.dumps(obj)}: one line, {@code ", "} between entries, {@code ": "} after keys. */
    public static PrettyPrinter oneLine() {
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withRootSeparator("\n")
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEntrySpacing(Separators.Spacing.AFTER)
                        .withArrayValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
                .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter());
    }
}
