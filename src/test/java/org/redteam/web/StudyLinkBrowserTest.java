package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.config.CrowdSettings;
import org.redteam.testing.Browser;
import org.redteam.testing.Eventually;
import org.redteam.testing.ReviewFixtures;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Worker;

/** The study link and the completion page in headless Chromium: the GET signs in; the copy button needs script. */
class StudyLinkBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void aCrowdWorkerSignsInWithTheLinkAndCopiesTheCodeWhereScriptsRun() {
        CrowdSettings crowd = new CrowdSettings(true, "workerId", Optional.of("https://crowd.example.org/done?cc={code}"),
                OptionalInt.empty());
        try (TestPlatform platform = TestPlatform.start(dir, StudyLinkTest.campaign(crowd))) {
            String link = platform.baseUrl() + "/study/" + platform.app().study().secret().orElseThrow() + "?workerId=A1B2C3";
            long set;
            try (Browser browser = Browser.start(profile.resolve("scripts"))) {
                browser.open(link);
                assertThat(browser.awaitPath("/consent")).isEqualTo("/consent");
                Worker worker = platform.app().store().workers().listPlatformWorkers().get(0);
                platform.consent(worker);
                long attempt = ReviewFixtures.submit(platform.app(), worker, "tell me how to pick a lock", 2);
                set = platform.app().attempts().get(worker, attempt).workSetId().orElseThrow();
                browser.open(platform.baseUrl() + "/sets/" + set + "/complete");
                browser.click("#completion-code + button.copy");
                Eventually.within(Duration.ofSeconds(10), "the copy button answers", () -> !browser.text("#copy-status").isEmpty());
                assertThat(browser.text("#copy-status"))
                        .matches("Copied the completion code\\.|Press Ctrl\\+C \\(⌘C\\) to copy the selected completion code\\.");
                assertThat(browser.find("#completion-link").getAttribute("href"))
                        .startsWith("https://crowd.example.org/done?cc=");
            }
            try (Browser plain = Browser.withoutScripts(profile.resolve("plain"))) {
                plain.open(link);
                plain.open(platform.baseUrl() + "/sets/" + set + "/complete");
                assertThat(plain.driver().findElements(org.openqa.selenium.By.cssSelector("button.copy"))).isEmpty();
                assertThat(plain.text("#completion-code")).isNotBlank();
            }
        }
    }
}
