package org.redteam.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.redteam.campaign.Payments;

/** The admin payments page ({@code adminPayments.jte}): one row per worker and the totals. */
public record PaymentsPage(PageContext ctx, Payments.Report report) {
    /** An amount with its currency, e.g. {@code 48.67 USD}. */
    public String money(BigDecimal amount) {
        return amount.toPlainString() + " " + report.pay().currency();
    }

    /** The rates as the campaign file gives them, e.g. {@code 8.50 USD per set, 20.00 USD per hour}. */
    public String rates() {
        if (!report.pay().configured()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        report.pay().perSet().ifPresent(a -> parts.add(money(a) + " per finished set"));
        report.pay().perHour().ifPresent(a -> parts.add(money(a) + " per hour on task"));
        return String.join(", ", parts);
    }
}
