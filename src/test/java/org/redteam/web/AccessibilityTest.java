package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.Accessibility;
import org.redteam.testing.Browser;
import org.redteam.testing.PageTour;

/**
 * One walk of the page tour (red teamer, reviewer, admin) in headless Chromium: axe-core finds no violation of impact
 * serious or critical on any page, and after each action the focus is on what changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityTest {
    final Map<String, List<String>> violations = new LinkedHashMap<>();
    /** The id of the focused element at each stop ("" for none, e.g. the page's body). */
    final Map<String, String> focused = new LinkedHashMap<>();
    List<String> stops;

    @BeforeAll
    void walk(@TempDir Path dir) throws Exception {
        try (Browser browser = Browser.start(Files.createDirectory(dir.resolve("profile")))) {
            stops = PageTour.walk(Files.createDirectory(dir.resolve("store")), browser, (name, b) -> {
                focused.put(name, String.valueOf(b.driver().executeScript("return document.activeElement.id")));
                List<String> found = Accessibility.seriousViolations(b);
                if (!found.isEmpty()) {
                    violations.put(name + " " + b.path(), found);
                }
            });
        }
    }

    @Test
    void noPageOfTheTourHasASeriousOrCriticalViolation() {
        assertThat(stops).contains("home-signed-out", "invite", "consent", "task", "conversation",
                "conversation-candidates", "conversation-after-pick", "rating", "set-complete", "wellbeing-survey",
                "wellbeing-survey-error", "leave", "review-preview", "review-task", "review-task-error", "review-saved",
                "admin-workers", "admin-worker-added", "admin-dashboard", "admin-review-queue", "admin-wellbeing",
                "not-found");
        StringBuilder report = new StringBuilder();
        violations.forEach((stop, found) -> report.append('\n').append(stop).append(":\n  ")
                .append(String.join("\n  ", found)));
        assertThat(violations).as("serious or critical axe-core violations:%s", report).isEmpty();
    }

    @Test
    void focusMovesToWhatChangedAfterEachAction() {
        assertThat(focused).containsEntry("task", "task-description")
                .containsEntry("conversation", "message")
                .containsEntry("conversation-after-pick", "message")
                .containsEntry("wellbeing-survey-error", "wellbeing-error")
                .containsEntry("review-task-error", "review-error")
                .containsEntry("review-saved", "review-saved")
                .containsEntry("admin-worker-added", "created-worker");
    }
}
