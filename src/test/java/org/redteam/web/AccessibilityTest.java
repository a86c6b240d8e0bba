package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.Accessibility;
import org.redteam.testing.Browser;
import org.redteam.testing.PageTour;

/** axe-core over every page of the tour (red teamer, reviewer, admin): no violation of impact serious or critical. */
class AccessibilityTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void noPageOfTheTourHasASeriousOrCriticalViolation() {
        Map<String, List<String>> violations = new LinkedHashMap<>();
        try (Browser browser = Browser.start(profile)) {
            List<String> stops = PageTour.walk(dir, browser, (name, b) -> {
                List<String> found = Accessibility.seriousViolations(b);
                if (!found.isEmpty()) {
                    violations.put(name + " " + b.path(), found);
                }
            });
            assertThat(stops).contains("home-signed-out", "invite", "consent", "task", "conversation",
                    "conversation-candidates", "conversation-after-pick", "rating", "set-complete", "wellbeing-survey",
                    "wellbeing-survey-error", "leave", "review-preview", "review-task", "review-saved", "admin-workers",
                    "admin-dashboard", "admin-review-queue", "admin-wellbeing", "not-found");
        }
        StringBuilder report = new StringBuilder();
        violations.forEach((stop, found) -> report.append('\n').append(stop).append(":\n  ")
                .append(String.join("\n  ", found)));
        assertThat(violations).as("serious or critical axe-core violations:%s", report).isEmpty();
    }

    /** The scan finds what it should: an unlabelled field and text too faint to read. */
    @Test
    void theScanReportsAnUnlabelledFieldAndFaintText() {
        try (Browser browser = Browser.start(profile)) {
            browser.open("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main>"
                    + "<p style='color:%23ddd;background:%23fff'>faint</p><input type=text></main></html>");
            assertThat(Accessibility.seriousViolations(browser))
                    .anyMatch(v -> v.startsWith("color-contrast (serious)"))
                    .anyMatch(v -> v.startsWith("label (critical)") && v.contains("https://dequeuniversity.com/"));
        }
    }
}
