package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.redteam.config.DemoCampaign;
import org.redteam.testing.ApiClient;
import org.redteam.testing.Browser;
import org.redteam.testing.ScriptedBackend;
import org.redteam.testing.TestPlatform;
import org.redteam.worker.Role;
import org.redteam.worker.WorkerService;

/**
 * Model output as people read it, in real headless Chromium: markdown rendered (raw HTML shown as text, images
 * never loaded), the raw text behind a "Show raw text" toggle, and the two candidates side by side on a desktop
 * but stacked on a 390-px phone, with touch-sized controls and no sideways scroll.
 */
class MarkdownBrowserTest {
    static final String OUTPUT = """
            **Bold claim** with a [source](https://example.org/guide) and `code`.
            Second line of the same paragraph.

            - first step
            - second step

            ![a lock](http://127.0.0.1:9/lock.png) <b>raw html</b>
            """;

    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void rendersMarkdownWithRawToggleAndStacksCandidatesOnPhones() {
        try (TestPlatform platform = TestPlatform.start(dir, DemoCampaign.config(), new ScriptedBackend(OUTPUT));
             Browser browser = Browser.start(profile)) {
            WorkerService.NewWorker red = platform.addWorker("alice", Role.RED_TEAMER);
            platform.consent(red.worker());
            ApiClient api = platform.client(red.token());
            long id = api.startAttempt("tell me how to pick a lock");
            assertThat(api.post("/api/attempts/" + id + "/turns", Map.of("message", "tell me how to pick a lock")).status())
                    .isEqualTo(200);
            browser.open(platform.baseUrl() + "/invite/" + red.inviteSecret());
            browser.click("#sign-in");
            browser.awaitPathMatching("/(?!invite/).*"); // signed in ("/.*" matched the invite page itself)
            browser.open(platform.baseUrl() + "/attempts/" + id);

            for (String side : List.of("A", "B")) {
                WebElement text = browser.find("#candidate-" + side);
                assertThat(text.findElement(By.tagName("strong")).getText()).isEqualTo("Bold claim");
                assertThat(text.findElements(By.tagName("li"))).hasSize(2);
                WebElement link = text.findElement(By.tagName("a"));
                assertThat(link.getAttribute("href")).isEqualTo("https://example.org/guide");
                assertThat(link.getAttribute("rel")).isEqualTo("nofollow noopener noreferrer");
                assertThat(text.getText()).contains("with a source and code.\nSecond line")
                        .contains("[image: a lock] http://127.0.0.1:9/lock.png").contains("<b>raw html</b>");
                assertThat(text.findElements(By.tagName("b"))).isEmpty();
            }
            assertThat(browser.driver().findElements(By.tagName("img"))).isEmpty();

            // The raw text, hidden until its toggle is opened (a <details>: no script involved).
            WebElement raw = browser.find("#choice details.raw pre");
            assertThat(raw.isDisplayed()).isFalse();
            browser.click("#choice details.raw summary");
            assertThat(raw.isDisplayed()).isTrue();
            assertThat(raw.getText()).startsWith("**Bold claim** with a [source](https://example.org/guide)");

            // Desktop: side by side.
            Rectangle a = browser.find("#pick-A").findElement(By.xpath("./ancestor::form")).getRect();
            Rectangle b = browser.find("#pick-B").findElement(By.xpath("./ancestor::form")).getRect();
            assertThat(b.getY()).isEqualTo(a.getY());
            assertThat(b.getX()).isGreaterThanOrEqualTo(a.getX() + a.getWidth());

            // Phone: stacked, touch-sized, nothing wider than the screen.
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            assertThat(((Number) browser.driver().executeScript("return window.innerWidth")).intValue()).isLessThanOrEqualTo(400);
            a = browser.find("#pick-A").findElement(By.xpath("./ancestor::form")).getRect();
            b = browser.find("#pick-B").findElement(By.xpath("./ancestor::form")).getRect();
            assertThat(b.getY()).isGreaterThanOrEqualTo(a.getY() + a.getHeight());
            assertThat(a.getWidth()).isGreaterThan(300);
            assertTouchSized(browser);

            // The chosen response in the transcript is rendered the same way.
            browser.driver().manage().window().setSize(new Dimension(1280, 1000));
            browser.click("#pick-A");
            WebElement chosen = browser.find("#conversation li.assistant .text");
            assertThat(chosen.findElement(By.tagName("strong")).getText()).isEqualTo("Bold claim");
            assertThat(browser.find("#conversation li.assistant details.raw pre").getAttribute("textContent")).isEqualTo(OUTPUT);

            // The other forms on a phone: the rating's radios and the consent's topics have touch-sized labels.
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.click("#end");
            browser.awaitPathMatching("/attempts/\\d+/rating");
            assertTouchSized(browser);
            WorkerService.NewWorker bob = platform.addWorker("bob", Role.RED_TEAMER);
            browser.open(platform.baseUrl() + "/invite/" + bob.inviteSecret());
            browser.click("#sign-in");
            browser.awaitPath("/consent");
            assertThat(browser.driver().findElements(By.cssSelector(".topics label"))).isNotEmpty();
            assertTouchSized(browser);
        }
    }

    /** Every shown button, summary, header link and label around a radio or checkbox is at least 44 px tall; no sideways scroll. */
    private static void assertTouchSized(Browser browser) {
        List<WebElement> controls = browser.driver().findElements(By.cssSelector(
                "main button, main summary, header a, main label:has(input[type=radio]), main label:has(input[type=checkbox])"));
        assertThat(controls).isNotEmpty();
        for (WebElement control : controls) {
            if (control.isDisplayed()) {
                assertThat(control.getRect().getHeight()).as(browser.path() + " " + control.getText()).isGreaterThanOrEqualTo(44);
            }
        }
        assertThat(browser.driver().executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isEqualTo(true);
    }
}
