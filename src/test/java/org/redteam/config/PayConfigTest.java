package org.redteam.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code pay:} block: amounts per set and per hour as exact decimals, and the currency. */
class PayConfigTest {
    private final CampaignConfigLoader loader = new CampaignConfigLoader();

    private CampaignConfig parse(String pay) {
        return loader.parse("campaign.yaml", "name: study\n" + pay
                + "targets:\n  - {id: a, model_type: rlhf, size: 52B, backend: {kind: demo}}\n");
    }

    @Test
    void withoutAPayBlockNothingIsPaid() {
        assertThat(parse("").pay()).isEqualTo(PaySettings.NONE);
        assertThat(PaySettings.NONE.configured()).isFalse();
    }

    @Test
    void readsBothAmountsAsCentsAndTheCurrency() {
        PaySettings pay = parse("pay: {per_set: 8.50, per_hour: 20.0, currency: GBP}\n").pay();
        assertThat(pay).isEqualTo(new PaySettings(Optional.of(new BigDecimal("8.50")), Optional.of(new BigDecimal("20.00")), "GBP"));
        assertThat(parse("pay: {per_hour: 12}\n").pay())
                .isEqualTo(new PaySettings(Optional.empty(), Optional.of(new BigDecimal("12.00")), "USD"));
    }

    @Test
    void theAmountIsRoundedOnceHalfEvenToCents() {
        PaySettings pay = new PaySettings(Optional.of(new BigDecimal("8.50")), Optional.of(new BigDecimal("20.00")), "USD");
        // 2 × 8.50 = 17.00; 95 min × 20.00 / 60 = 31.666…; 48.666… → 48.67
        assertThat(pay.amount(2, 95)).isEqualTo(new BigDecimal("48.67"));
        // per hour 0.10: 15 min = 0.025 → half-even 0.02; 45 min = 0.075 → 0.08
        PaySettings dime = new PaySettings(Optional.empty(), Optional.of(new BigDecimal("0.10")), "USD");
        assertThat(dime.amount(0, 15)).isEqualTo(new BigDecimal("0.02"));
        assertThat(dime.amount(0, 45)).isEqualTo(new BigDecimal("0.08"));
        assertThat(PaySettings.NONE.amount(3, 600)).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void namesEveryBadFieldOfTheBlock() {
        assertThatThrownBy(() -> parse("pay: {per_set: -1, per_hour: 20.005, currency: usd, bonus: 3}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("campaign.yaml: pay.per_set: must be between 0.0 and")
                .hasMessageContaining("campaign.yaml: pay.per_hour: must have at most 2 decimals (cents), got 20.005")
                .hasMessageContaining("campaign.yaml: pay.currency: 'usd' must be a 3-letter ISO 4217 code")
                .hasMessageContaining("campaign.yaml: pay.bonus: unknown key");
        assertThatThrownBy(() -> parse("pay: {per_set: \"8.50\", currency: XYZ}\n"))
                .hasMessageContaining("pay.per_set: must be a number")
                .hasMessageContaining("pay.currency: 'XYZ' must be a 3-letter ISO 4217 code");
        assertThatThrownBy(() -> parse("pay: 8.50\n")).hasMessageContaining("pay: must be a mapping");
    }
}
