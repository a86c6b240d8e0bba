package org.redteam.web;

import java.util.List;

/**
 * The admin navigation bar shown on every admin page ({@code adminNav.jte}): one line per page. Each admin
 * page names its {@link Item#key()} so the bar marks it {@code aria-current="page"}.
 */
public final class AdminNav {
    /** One link of the bar. */
    public record Item(String key, String label, String href) {
    }

    public static final List<Item> ITEMS = List.of(
            new Item("workers", "Workers", "/admin"),
            new Item("dashboard", "Dashboard", "/admin/dashboard"),
            new Item("attempts", "Attempts", "/admin/attempts"),
            new Item("reviews", "Review queue", "/admin/reviews"),
            new Item("wellbeing", "Well-being", "/admin/wellbeing"),
            new Item("replays", "Replay", "/admin/replays"),
            new Item("payments", "Payments", "/admin/payments"));

    private AdminNav() {
    }
}
