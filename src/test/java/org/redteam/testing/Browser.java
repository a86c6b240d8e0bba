package org.redteam.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium through Debian's chromedriver (no Selenium Manager, no
 * network). Tests skip when the browser is not installed; {@code .ci/run} installs it.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start(Path profileDir) {
        return start(profileDir, true);
    }

    /** A browser that keeps the page's console messages, for {@link #consoleErrors()}. */
    public static Browser withConsoleLog(Path profileDir) {
        return start(profileDir, true, true);
    }

    /** A browser that runs no script at all, for the pages' plain-form behaviour. */
    public static Browser withoutScripts(Path profileDir) {
        return start(profileDir, false);
    }

    private static Browser start(Path profileDir, boolean scripts) {
        return start(profileDir, scripts, false);
    }

    private static Browser start(Path profileDir, boolean scripts, boolean consoleLog) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-default-apps", "--disable-extensions", "--window-size=1280,1000",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        if (!scripts) {
            options.addArguments("--blink-settings=scriptEnabled=false");
        }
        if (consoleLog) {
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    public void click(String css) {
        find(css).click();
    }

    public void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** The element's text; an element replaced while the page navigates is looked up again. */
    public String text(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(css)).isEmpty() ? null : d.findElement(By.cssSelector(css)).getText());
    }

    /** The console messages at level SEVERE (errors, failed loads) so far; needs {@link #withConsoleLog}. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** Waits until the page's path is {@code expected} (after a click that navigates), then returns it. */
    public String awaitPath(String expected) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> expected.equals(path()));
        return path();
    }

    /** Waits until the page's path matches {@code regex} (after a click that navigates), then returns it. */
    public String awaitPathMatching(String regex) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> path().matches(regex));
        return path();
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
