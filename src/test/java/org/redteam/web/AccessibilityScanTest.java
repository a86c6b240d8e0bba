package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.Accessibility;
import org.redteam.testing.Browser;

/** The axe-core scan of {@link AccessibilityTest} finds what it should. */
class AccessibilityScanTest {
    @TempDir
    Path profile;

    @Test
    void reportsAnUnlabelledFieldAndFaintTextWithRuleImpactTargetAndHelp() {
        try (Browser browser = Browser.start(profile)) {
            browser.open("data:text/html,<!DOCTYPE html><html lang=en><title>t</title><main>"
                    + "<p style='color:%23ddd;background:%23fff'>faint</p><input type=text id=field></main></html>");
            assertThat(Accessibility.seriousViolations(browser))
                    .anyMatch(v -> v.startsWith("color-contrast (serious)"))
                    .anyMatch(v -> v.startsWith("label (critical) at [#field]") && v.contains("https://dequeuniversity.com/"));
        }
    }
}
