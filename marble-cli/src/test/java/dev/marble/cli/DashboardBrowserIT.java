package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.Peers;
import dev.marble.ui.Dashboard;
import dev.marble.ui.JournalRunHistory;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by Selenium with the driver named outright,
 * so Selenium Manager never goes to the network): a chain of Marble agent links runs on the fake Anthropic server in
 * the background; the chains page counts its rounds up live; "Stop" (confirmed) stops it, and {@code marble chain
 * status} agrees; a link's run shows its tool call's arguments. Screenshots land in target/screenshots (the README's
 * are copies of them in docs/images).
 */
class DashboardBrowserIT {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("MARBLE_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("MARBLE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private FakeAnthropicServer anthropic;
    private CliRunner cli;
    private WebDriver browser;
    private Dashboard dashboard;

    @BeforeEach
    void setUp() throws Exception {
        Peers.requireThat(
                "Chromium", Files.isExecutable(CHROMIUM), CHROMIUM + " is missing (apt-get install chromium)");
        Peers.requireThat(
                "chromedriver",
                Files.isExecutable(CHROMEDRIVER),
                CHROMEDRIVER + " is missing (apt-get install chromium-driver)");
        // Selenium's tracing needs the OpenTelemetry SDK, which the build leaves out of the test classpath
        System.setProperty("webdriver.remote.enableTracing", "false");
        anthropic = FakeAnthropicServer.start();
        List<FakeReply> replies = new ArrayList<>();
        replies.add(FakeReply.toolCall("read_file", "{\"path\": \"notes.txt\"}").withDelay(Duration.ofMillis(700)));
        for (int i = 1; i < 80; i++) {
            replies.add(FakeReply.text("round done, all <b>fine</b> " + i)
                    .withUsage(1200, 80, 0, 0)
                    .withDelay(Duration.ofMillis(900)));
        }
        anthropic.enqueue(replies.toArray(FakeReply[]::new));
        cli = new CliRunner(temp);
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", UiChainBoardTest.KEY);
        cli.write("notes.txt", "the notes\n");
        cli.write("chains/nightly.json", """
                {"description": "a demo chain", "max_rounds": 60,
                 "links": [{"name": "worker", "model": "anthropic:claude-haiku-4-5", "prompt": "work, round {ROUND}"}]}
                """);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")
                .addArguments("--user-data-dir=" + Files.createDirectories(temp.resolve("chromium")));
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) browser.quit();
        if (dashboard != null) dashboard.close();
        if (cli != null) cli.run("chain", "stop", "--now", "nightly");
        if (anthropic != null) anthropic.close();
    }

    @Test
    void watchAChainLiveStopItAndFindAToolCallsArguments() throws Exception {
        var started = cli.run("chain", "start", "--bg", "nightly");
        assertThat(started.exit()).as(started.err()).isZero();
        dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(),
                0,
                new CliChainBoard(cli.context(), ChainHome.of(cli.context(), null)),
                new JournalRunHistory(cli.project().resolve(".marble")));
        String base = "http://127.0.0.1:" + dashboard.port();
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class); // a live region can be swapped between find and read

        browser.get(base + "/");
        // Read inside the wait too: the round's cell can be swapped between find and read here as anywhere.
        int seen = wait.until(d -> {
            int round = round(d);
            return round >= 1 ? round : null;
        });
        wait.until(d -> round(d) >= seen + 2); // no reload: the page's event stream brings the rounds
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        screenshot("dashboard-chains.png");

        clickWhenSteady(wait, By.linkText("nightly"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.timeline")));
        wait.until(
                d -> d.findElements(By.cssSelector("table.timeline tbody tr")).size() >= 3);
        screenshot("dashboard-chain.png");

        clickWhenSteady(wait, By.cssSelector("button[data-action='stop']"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-result"), "stops before"));
        wait.until(d -> {
            String status = d.findElement(By.cssSelector(".facts .status")).getText();
            return status.contains("STOPPED") && !status.contains("●");
        });
        String status = cli.run("chain", "status", "nightly").out();
        assertThat(status).contains("Status:  STOPPED").doesNotContain("running, pid");
        assertThat(status).contains(CliChainBoard.STOP_REASON);
        int stoppedAt = Integer.parseInt(
                browser.findElement(By.cssSelector("#round .round-now")).getText());
        assertThat(cli.run("chain", "status", "--json", "nightly").out()).contains("\"round\":" + stoppedAt);
        screenshot("dashboard-chain-stopped.png");

        browser.findElement(By.linkText("worker")).click(); // the first link's run, with the tool call
        WebElement arguments = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.arguments")));
        assertThat(arguments.getText()).contains("\"path\"").contains("notes.txt");
        screenshot("dashboard-run.png");

        browser.get(base + "/runs?q=nightly");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.runs")));
        assertThat(browser.findElement(By.cssSelector("table.runs")).getText()).contains("chain");
        assertThat(browser.getPageSource()).doesNotContain(UiChainBoardTest.KEY).doesNotContain("<b>fine</b>");
    }

    private static int round(WebDriver browser) {
        List<WebElement> cells = browser.findElements(By.cssSelector("tr[data-chain='nightly'] .round-now"));
        return cells.isEmpty() ? 0 : Integer.parseInt(cells.getFirst().getText().strip());
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Clicks what {@code by} finds, finding it again if a live update swapped it out between the find and the click. */
    private static void clickWhenSteady(WebDriverWait wait, By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }
}
