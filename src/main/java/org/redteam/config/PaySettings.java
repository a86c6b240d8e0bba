package org.redteam.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the campaign pays its crowd ({@code pay:} in the campaign file): an amount per finished set, an amount per
 * hour of time on task, or both, in one currency. Money is {@link BigDecimal}, never a double.
 *
 * @param perSet   paid for each finished work set ({@code per_set}, optional, ≥ 0, at most 2 decimals)
 * @param perHour  paid for each hour of time on task ({@code per_hour}, optional, ≥ 0, at most 2 decimals)
 * @param currency ISO 4217 code ({@code currency}, default {@code USD})
 */
public record PaySettings(Optional<BigDecimal> perSet, Optional<BigDecimal> perHour, String currency) {
    public static final String DEFAULT_CURRENCY = "USD";
    private static final BigDecimal MINUTES_PER_HOUR = BigDecimal.valueOf(60);

    /** No {@code pay:} block: nothing is paid through the platform. */
    public static final PaySettings NONE = new PaySettings(Optional.empty(), Optional.empty(), DEFAULT_CURRENCY);

    public PaySettings {
        Objects.requireNonNull(perSet, "perSet");
        Objects.requireNonNull(perHour, "perHour");
        Objects.requireNonNull(currency, "currency");
    }

    /** True when the campaign file names an amount per set or per hour. */
    public boolean configured() {
        return perSet.isPresent() || perHour.isPresent();
    }

    /**
     * per_set × sets + per_hour × minutes / 60, rounded once, half-even, to cents (so 2 sets at 8.50 and 95 minutes at
     * 20.00 an hour: 17.00 + 31.666… = 48.666… → 48.67). Computed exactly as (per_set × sets × 60 + per_hour ×
     * minutes) / 60 before the one rounding.
     */
    public BigDecimal amount(long sets, long minutes) {
        BigDecimal sixtieths = perSet.orElse(BigDecimal.ZERO).multiply(BigDecimal.valueOf(sets)).multiply(MINUTES_PER_HOUR)
                .add(perHour.orElse(BigDecimal.ZERO).multiply(BigDecimal.valueOf(minutes)));
        return sixtieths.divide(MINUTES_PER_HOUR, 2, RoundingMode.HALF_EVEN);
    }
}
