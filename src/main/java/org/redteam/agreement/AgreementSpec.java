package org.redteam.agreement;

import java.util.Optional;
import java.util.OptionalDouble;
import org.redteam.problem.InvalidInputException;

/**
 * What to compute: a measure, its level (Krippendorff) or weights (Cohen), and optionally a threshold that
 * binarizes the values first (value ≥ threshold → 1, else 0). Fleiss' κ is nominal and unweighted by definition.
 */
public record AgreementSpec(Measure measure, Level level, Weights weights, OptionalDouble binarizeAt) {

    /**
     * A spec from optional flags; a level given to a measure other than Krippendorff's (except nominal for
     * Fleiss), or weights given to a measure other than Cohen's, is an error rather than silently ignored.
     */
    public static AgreementSpec of(Measure measure, Optional<Level> level, Optional<Weights> weights, OptionalDouble binarizeAt) {
        if (level.isPresent() && measure != Measure.KRIPPENDORFF && !(measure == Measure.FLEISS && level.get() == Level.NOMINAL)) {
            throw new InvalidInputException("--level " + level.get().label() + " applies to krippendorff only ("
                    + measure.label() + " is " + (measure == Measure.COHEN ? "nominal, or weighted with --weights)" : "nominal)"));
        }
        if (weights.isPresent() && measure != Measure.COHEN) {
            throw new InvalidInputException("--weights applies to cohen only");
        }
        if (binarizeAt.isPresent() && !Double.isFinite(binarizeAt.getAsDouble())) {
            throw new InvalidInputException("--binarize-at must be a finite number");
        }
        return new AgreementSpec(measure, level.orElse(Level.NOMINAL), weights.orElse(Weights.NONE), binarizeAt);
    }

    /** The table this spec computes on: binarized when asked. */
    public Ratings prepare(Ratings ratings) {
        return binarizeAt.isPresent() ? ratings.binarize(binarizeAt.getAsDouble()) : ratings;
    }

    /** The coefficient on an already {@link #prepare prepared} table. */
    public Coefficient coefficient(Ratings prepared) {
        return switch (measure) {
            case FLEISS -> FleissKappa.of(prepared);
            case KRIPPENDORFF -> KrippendorffAlpha.of(prepared, level);
            case COHEN -> CohenKappa.of(prepared, weights);
        };
    }

    /** E.g. "krippendorff alpha, interval level, binarized at value ≥ 3". */
    public String describe() {
        String what = switch (measure) {
            case FLEISS -> "fleiss kappa (nominal)";
            case KRIPPENDORFF -> "krippendorff alpha, " + level.label() + " level";
            case COHEN -> "cohen kappa, " + (weights == Weights.NONE ? "unweighted" : weights.label() + " weights");
        };
        return binarizeAt.isPresent() ? what + ", binarized at value >= " + format(binarizeAt.getAsDouble()) : what;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
