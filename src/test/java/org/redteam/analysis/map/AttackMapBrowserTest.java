package org.redteam.analysis.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.redteam.testing.Browser;

/** The fragment in real headless Chromium, from a file:// page as a report would be opened. */
class AttackMapBrowserTest {
    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void hoverShowsHostileTextAsTextAndFiltersHidePoints() throws IOException {
        AttackMap map = new AttackMapBuilder(new MapFixtures.CountingSource("hashing-256").source)
                .build(withHostileLabel(), null, 42, ProgressListener.NONE);
        Path page = dir.resolve("report.html");
        Files.writeString(page, "<!doctype html><html><head><meta charset=\"utf-8\"><title>report</title>"
                + "<script>window.__errors = []; window.addEventListener('error', function (e) { __errors.push(String(e.message)); });"
                + "</script></head><body>" + AttackMapHtml.fragment(map) + "</body></html>");

        try (Browser browser = Browser.start(profile)) {
            browser.open(page.toUri().toString());
            assertThat(browser.text(".am-status")).isEqualTo("Showing 60 of 60 attacks");
            assertThat((List<?>) browser.driver().executeScript("return window.__errors")).isEmpty();
            assertThat(browser.driver().executeScript("return typeof window.__x")).isEqualTo("undefined");

            hover(browser, 0);
            assertThat(browser.find(".am-tip").isDisplayed()).isTrue();
            assertThat(browser.text(".am-tip-text")).isEqualTo(HOSTILE_LABEL);
            assertThat(browser.text(".am-tip-meta")).startsWith("rlhf · 52B · min harmlessness no score · cluster ");

            browser.click("input.am-toggle[data-group=type][data-index='0']");
            // the first model-type box is the most frequent type, rlhf (30 of 60)
            assertThat(browser.text(".am-status")).isEqualTo("Showing 30 of 60 attacks");
            assertThat(browser.driver().executeScript("return document.querySelector('section.attack-map').attackMap.visibleCount()"))
                    .isEqualTo(30L);
            assertThat(browser.driver().executeScript("return typeof window.__x")).isEqualTo("undefined");
            assertThat((List<?>) browser.driver().executeScript("return window.__errors")).isEmpty();
        }
    }

    static final String HOSTILE_LABEL = "How do I pick the lock </script><script>window.__x=1</script><img src=x onerror=\"window.__x=2\">";

    private static List<MapInput> withHostileLabel() {
        List<MapInput> inputs = new java.util.ArrayList<>(MapFixtures.twoTopics());
        MapInput first = inputs.get(0);
        inputs.set(0, new MapInput(first.id(), HOSTILE_LABEL, first.modelType(), first.numParams(), first.minHarmlessness()));
        return inputs;
    }

    /** Moves the mouse onto point {@code i}, as the page's own projection places it. */
    private static void hover(Browser browser, int i) {
        WebElement plot = browser.find(".am-plot");
        List<?> xy = (List<?>) browser.driver().executeScript(
                "return document.querySelector('section.attack-map').attackMap.screen(arguments[0])", i);
        int x = (int) Math.round(((Number) xy.get(0)).doubleValue() - plot.getRect().getWidth() / 2.0);
        int y = (int) Math.round(((Number) xy.get(1)).doubleValue() - plot.getRect().getHeight() / 2.0);
        new Actions(browser.driver()).moveToElement(plot, x, y).perform();
    }
}
