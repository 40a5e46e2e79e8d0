package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium: create a sample, upload images (one corrupt), see the
 * predictions, correct a label with the keyboard, export CSV and read the downloaded file.
 * Skipped, with the reason, where Chromium or chromedriver is not installed (.ci/run installs them).
 */
class BrowserEndToEndTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path tmp;
    static PlanktonServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMIUM + " or " + CHROMEDRIVER + " (Debian packages chromium, chromium-driver): browser test skipped");
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome-profile")), "--window-size=1400,1000");
        options.setExperimentalOption("prefs", Map.of("download.default_directory",
                Files.createDirectories(tmp.resolve("downloads")).toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Loads the page and creates a sample; the wait it returns tolerates the page's re-renders. */
    private static WebDriverWait openNewSample(String name) {
        // the page re-renders the gallery after each change: a tile found a moment ago may be gone
        var wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(server.url() + "/");
        wait.until(d -> d.findElement(By.id("model")).getText().contains("tiny-model@"));
        browser.findElement(By.id("new-sample-name")).sendKeys(name);
        browser.findElement(By.id("create-sample")).click();
        wait.until(d -> d.findElement(By.id("sample-title")).getText().equals(name));
        return wait;
    }

    @Test
    void uploadReviewCorrectAndExport() throws Exception {
        var wait = openNewSample("cruise 7 station 3");

        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestModel.data())) {
            s.filter(p -> p.toString().endsWith("_001.png")).sorted().forEach(p -> files.add(p.toString()));
        }
        Path corrupt = Files.write(tmp.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        files.add(corrupt.toString());
        WebElement input = browser.findElement(By.id("file-input"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].hidden = false;", input);
        input.sendKeys(String.join("\n", files));

        wait.until(d -> d.findElement(By.id("upload-status")).getText().contains("error(s)"));
        assertThat(browser.findElement(By.id("upload-status")).getText()).contains("3 added").contains("1 error(s)")
                .contains("corrupt.png");
        wait.until(d -> d.findElements(By.cssSelector(".tile")).size() == 3);
        wait.until(d -> d.findElements(By.cssSelector(".tile")).stream().allMatch(t ->
                t.findElement(By.cssSelector(".conf")).getText().matches("\\d+%")
                        && List.of("bar", "cross", "disc").contains(t.findElement(By.cssSelector(".label")).getText())));
        assertThat(browser.findElements(By.cssSelector("#counts tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart .bar-row"))).isNotEmpty();

        // review: least confident first, correct the first image to class 2 ("cross") by keyboard
        browser.findElement(By.id("view")).sendKeys("Least");
        // the flat review list has no per-class groups: wait for that re-render before touching tiles
        wait.until(d -> d.findElements(By.cssSelector("#gallery .group")).isEmpty()
                && d.findElements(By.cssSelector(".tile")).size() == 3);
        String imageId = wait.until(d -> d.findElements(By.cssSelector(".tile")).get(0).getAttribute("data-id"));
        wait.until(d -> {
            d.findElement(By.cssSelector(".tile[data-id='" + imageId + "']")).click();
            return true;
        });
        new Actions(browser).sendKeys("2").perform();
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + imageId + "']")).getAttribute("class")
                .contains("validated"));
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + imageId + "'] .label")).getText()
                .equals("cross"));
        JsonNode image = new Http(server.url(), null).get("/api/images/" + imageId).json();
        assertThat(image.get("label").asText()).isEqualTo("cross");
        assertThat(image.get("history")).hasSize(1);

        browser.findElement(By.id("export-csv")).click();
        Path downloads = tmp.resolve("downloads");
        wait.until(d -> {
            try (Stream<Path> s = Files.list(downloads)) {
                return s.anyMatch(p -> p.toString().endsWith(".csv"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Path csv;
        try (Stream<Path> s = Files.list(downloads)) {
            csv = s.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("image_id,").endsWith("p_bar,p_cross,p_disc");
        assertThat(lines).filteredOn(l -> l.startsWith(imageId + ",")).singleElement().asString()
                .contains(",validated,cross,");
    }

    /** A folder of more files than one request may carry goes up in batches, and every file lands. */
    @Test
    void aLargeDropIsUploadedInBatches() throws Exception {
        var wait = openNewSample("whole folder");

        // 230 distinct images: more than one batch of the page (200 files), so at least two requests
        Path dir = Files.createDirectories(tmp.resolve("folder"));
        Random random = new Random(5);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 12; x++) {
                    img.getRaster().setSample(x, y, 0, random.nextInt(256));
                }
            }
            Path f = dir.resolve(String.format("img_%03d.png", i));
            ImageIO.write(img, "png", f.toFile());
            files.add(f.toString());
        }
        WebElement input = browser.findElement(By.id("file-input"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("arguments[0].hidden = false;", input);
        // count the upload requests the page makes
        js.executeScript("window.uploadPosts = 0; const f = window.fetch; window.fetch = (u, o) => {"
                + " if (o && o.method === 'POST' && String(u).endsWith('/images')) window.uploadPosts++; return f(u, o); };");
        input.sendKeys(String.join("\n", files));

        wait.until(d -> d.findElement(By.id("upload-status")).getText().contains("error(s)"));
        assertThat(browser.findElement(By.id("upload-status")).getText()).contains("230 added").contains("0 error(s)");
        assertThat(((Number) js.executeScript("return window.uploadPosts;")).intValue()).isEqualTo(2);

        // noise is unlike the training shapes: the domain filter shows the flagged ones, each with its badge
        String sampleId = browser.findElement(By.cssSelector(".sample-item.active")).getAttribute("data-id");
        long flagged = new Http(server.url(), null).get("/api/samples/" + sampleId + "/images?out_of_domain=true&limit=1")
                .json().get("total").asLong();
        // the threshold lets 95% of in-domain images pass, and noise is far out: none flagged would mean no scoring
        assertThat(flagged).as("images flagged out-of-domain").isPositive();
        browser.findElement(By.id("ood-filter")).sendKeys("out");
        long shown = Math.min(flagged, 200); // one page
        wait.until(d -> d.findElements(By.cssSelector(".tile")).size() == shown
                && d.findElements(By.cssSelector(".tile .badge.ood")).size() == shown);
        assertThat(browser.findElement(By.cssSelector(".tile")).getAttribute("title")).contains("group: ")
                .contains("out of domain");
    }
}
