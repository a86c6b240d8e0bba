package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.redteam.testing.Browser;
import org.redteam.testing.Eventually;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/** Adding a worker in real headless Chromium: the one-time page with copy buttons, and a reload that shows nothing again. */
class AdminSecretBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void theNewWorkersLinkAndTokenHaveCopyButtonsAndAReloadShowsThemNoMore() {
        try (TestPlatform platform = TestPlatform.start(dir)) {
            WorkerService.NewWorker root = platform.addWorker("root", Role.ADMIN);
            try (Browser browser = Browser.withConsoleLog(profile)) {
                browser.open(platform.baseUrl() + "/invite/" + root.inviteSecret());
                browser.click("#sign-in");
                browser.awaitPath("/admin");
                browser.open(platform.baseUrl() + "/admin");
                browser.type("input[name=name]", "Bob <b>");
                browser.click("#add-worker");

                assertThat(browser.awaitPathMatching("/admin/secrets/[A-Za-z0-9_-]+")).startsWith("/admin/secrets/");
                assertThat(browser.text("#created-worker")).contains("Created Bob <b>");
                String token = browser.text("#api-token");
                assertThat(token).startsWith("rt_");
                assertThat(browser.driver().findElements(By.cssSelector("button.copy"))).hasSize(2);
                assertThat(browser.find("#api-token + button.copy").getAttribute("aria-label")).isEqualTo("Copy the API token");
                browser.click("#api-token + button.copy");
                Eventually.within(Duration.ofSeconds(5), "the copy status",
                        () -> !browser.text("#copy-status").isEmpty());
                assertThat(browser.text("#copy-status")).matches("Copied the API token\\.|Press Ctrl\\+C \\(⌘C\\) to copy the selected API token\\.");
                assertThat(browser.find("#copy-status").getAttribute("aria-live")).isEqualTo("polite");
                assertThat(browser.consoleErrors()).allMatch(e -> e.contains("favicon.ico"));

                browser.driver().navigate().refresh();
                assertThat(browser.text("#secret-gone")).contains("shown already");
                assertThat(browser.driver().getPageSource()).doesNotContain(token);
                assertThat(platform.app().store().workers().listPlatformWorkers().stream().filter(w -> w.name().equals("Bob <b>")))
                        .hasSize(1);
            }
        }
    }
}
