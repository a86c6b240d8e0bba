package org.redteam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.redteam.testing.Browser;
import org.redteam.testing.PageTour;

/**
 * Screenshots of every stop of the page tour at 1280 and 390 px wide, the whole page high (up to
 * {@link #MAX_HEIGHT}), as {@code STOP-WIDTH.png} in the folder the {@code screenshots} property names:
 * {@code mvn -B -o test -Dtest=Screenshots -Dscreenshots=docs/screenshots}. Without the property it is skipped.
 */
class Screenshots {
    static final List<Integer> WIDTHS = List.of(1280, 390);
    static final int MAX_HEIGHT = 4000;

    @TempDir
    Path dir;
    @TempDir
    Path profile;

    @Test
    void everyStopOfThePageTour() throws IOException {
        String folder = System.getProperty("screenshots");
        Assumptions.assumeTrue(folder != null && !folder.isBlank(), "screenshots are made with -Dscreenshots=FOLDER");
        Path out = Files.createDirectories(Path.of(folder));
        try (Browser browser = Browser.start(profile)) {
            List<String> stops = PageTour.walk(dir, browser, (name, b) -> {
                for (int width : WIDTHS) {
                    save(b, width, out.resolve(name + "-" + width + ".png"));
                }
                b.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            });
            for (String stop : stops) {
                assertThat(out.resolve(stop + "-1280.png")).isNotEmptyFile();
                assertThat(out.resolve(stop + "-390.png")).isNotEmptyFile();
            }
        }
    }

    /** The page at {@code width}: laid out at that width first, then as high as its content. */
    private static void save(Browser browser, int width, Path file) {
        metrics(browser, width, 800);
        long height = (Long) browser.driver().executeScript("return document.documentElement.scrollHeight");
        metrics(browser, width, (int) Math.min(Math.max(height, 400), MAX_HEIGHT));
        try {
            Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void metrics(Browser browser, int width, int height) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }
}
