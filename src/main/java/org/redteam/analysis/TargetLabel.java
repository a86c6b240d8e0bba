package org.redteam.analysis;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the analysis knows of a target: its labels as released, {@code model_type} and {@code num_params}.
 * Targets sort by model type, then by size as a number of parameters ("260K" &lt; "2.7B" &lt; "13B" &lt; "52B"),
 * then sizes that are not numbers, alphabetically.
 */
public record TargetLabel(String modelType, String size) implements Comparable<TargetLabel> {
    /** A number with an optional SI-style suffix K, M, B (= G) or T, e.g. "2.7B", "52B", "260K", "8b", "1.5e9". */
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([kKmMbBgGtT]?)\\s*");

    private static final Comparator<TargetLabel> ORDER = Comparator.comparing(TargetLabel::modelType)
            .thenComparing(TargetLabel::size, TargetLabel::compareSizes);

    public TargetLabel {
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(size, "size");
    }

    /** The size as a number of parameters, or empty when the label is not a number ("large", ""). */
    public OptionalDouble parameters() {
        return parameters(size);
    }

    public static OptionalDouble parameters(String size) {
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1e3;
            case "M" -> 1e6;
            case "B", "G" -> 1e9;
            case "T" -> 1e12;
            default -> 1;
        };
        double params = value * scale;
        return Double.isFinite(params) ? OptionalDouble.of(params) : OptionalDouble.empty();
    }

    /** Numeric sizes ascending, then the others alphabetically; equal numbers ("13B", "13b") by their text. */
    static int compareSizes(String a, String b) {
        OptionalDouble x = parameters(a);
        OptionalDouble y = parameters(b);
        if (x.isPresent() && y.isPresent()) {
            int byValue = Double.compare(x.getAsDouble(), y.getAsDouble());
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (x.isPresent() != y.isPresent()) {
            return x.isPresent() ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public int compareTo(TargetLabel other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return modelType + "/" + size;
    }
}
