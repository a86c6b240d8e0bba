package org.redteam.config;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code pay:} block of a campaign file into {@link PaySettings}; every error names its key. */
final class PayConfig {
    /** Larger amounts are surely a typo (cents written as units). */
    static final double MAX_AMOUNT = 100_000;

    private PayConfig() {
    }

    static PaySettings parse(Node p) {
        if (!p.isObject()) {
            p.error("", "must be a mapping such as {per_set: 8.50, per_hour: 20.0, currency: USD}");
            return PaySettings.NONE;
        }
        p.onlyKeys(Set.of("per_set", "per_hour", "currency"));
        Optional<BigDecimal> perSet = money(p, "per_set");
        Optional<BigDecimal> perHour = money(p, "per_hour");
        String currency = p.optionalText("currency").orElse(PaySettings.DEFAULT_CURRENCY);
        if (!currency.matches("[A-Z]{3}") || !isIsoCurrency(currency)) {
            p.error("currency", "'" + currency + "' must be a 3-letter ISO 4217 code in capitals, such as USD, GBP or EUR");
        }
        return new PaySettings(perSet, perHour, currency);
    }

    /**
     * A number ≥ 0 with at most 2 decimals. YAML hands over 8.50 as the double 8.5; {@link BigDecimal#valueOf(double)}
     * takes its shortest decimal form, which is exactly the written number for any amount with a few digits.
     */
    private static Optional<BigDecimal> money(Node p, String key) {
        Optional<BigDecimal> amount = p.doubleInRange(key, 0, MAX_AMOUNT).map(BigDecimal::valueOf);
        if (amount.isPresent() && amount.get().stripTrailingZeros().scale() > 2) {
            p.error(key, "must have at most 2 decimals (cents), got " + amount.get().toPlainString());
            return Optional.empty();
        }
        return amount.map(a -> a.setScale(2));
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
