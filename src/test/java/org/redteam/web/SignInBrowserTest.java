package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redteam.testing.Browser;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;

/** Sign-in in Chromium, which sends its own Origin and Sec-Fetch-Site headers (and Origin: null under no-referrer). */
class SignInBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void aBrowserSignedInAsOneWorkerSignsInAsAnotherWithAFreshInvite() {
        try (TestPlatform platform = TestPlatform.start(dir); Browser browser = Browser.start(profile)) {
            String admin = platform.addWorker("root", Role.ADMIN).inviteSecret();
            String reviewer = platform.addWorker("rita", Role.REVIEWER).inviteSecret();

            browser.open(platform.baseUrl() + "/invite/" + admin);
            browser.click("#sign-in");
            assertThat(browser.awaitPath("/admin")).isEqualTo("/admin");

            browser.open(platform.baseUrl() + "/invite/" + reviewer);
            browser.click("#sign-in");
            assertThat(browser.awaitPath("/reviews")).isEqualTo("/reviews");

            browser.open(platform.baseUrl() + "/admin");
            assertThat(browser.text("body")).contains("admin role");
        }
    }
}
