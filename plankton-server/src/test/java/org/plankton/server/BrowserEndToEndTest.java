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
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

    /** The reviewer's name, as a person types it once per browser. */
    private static void setReviewer(String name) {
        WebElement who = browser.findElement(By.id("who"));
        who.clear();
        who.sendKeys(name);
    }

    /** A new sample with the three classes' first training images, shown as three tiles. */
    private static WebDriverWait sampleOfThree(String name) throws Exception {
        var wait = openNewSample(name);
        setReviewer("ana");
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(TestModel.data())) {
            s.filter(p -> p.toString().endsWith("_001.png")).sorted().forEach(p -> files.add(p.toString()));
        }
        WebElement input = browser.findElement(By.id("file-input"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].hidden = false;", input);
        input.sendKeys(String.join("\n", files));
        wait.until(d -> d.findElements(By.cssSelector(".tile")).size() == 3);
        return wait;
    }

    private static String sampleId() {
        return browser.findElement(By.cssSelector(".sample-item.active")).getAttribute("data-id");
    }

    private static JsonNode image(String id) throws Exception {
        return new Http(server.url(), null).get("/api/images/" + id).json();
    }

    /** Selects a tile by clicking it (retried across re-renders); returns its image id. */
    private static String select(WebDriverWait wait, int index) {
        String id = wait.until(d -> d.findElements(By.cssSelector(".tile")).get(index).getAttribute("data-id"));
        clickTile(wait, id, null);
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + id + "']")).getAttribute("class").contains("selected"));
        return id;
    }

    private static void clickTile(WebDriverWait wait, String id, Keys modifier) {
        wait.until(d -> {
            WebElement t = d.findElement(By.cssSelector(".tile[data-id='" + id + "']"));
            if (modifier == null) {
                t.click();
            } else {
                new Actions(d).keyDown(modifier).click(t).keyUp(modifier).perform();
            }
            return true;
        });
    }

    private static void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    @Test
    void uploadReviewCorrectAndExport() throws Exception {
        var wait = openNewSample("cruise 7 station 3");
        setReviewer("ana");

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
        // the failed file stays listed in the sample until dismissed
        assertThat(browser.findElement(By.id("upload-errors")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("upload-error-list")).getText()).contains("corrupt.png");
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isFalse();
        wait.until(d -> d.findElements(By.cssSelector(".tile")).size() == 3);
        wait.until(d -> d.findElements(By.cssSelector(".tile")).stream().allMatch(t ->
                t.findElement(By.cssSelector(".conf")).getText().matches("\\d+%")
                        && List.of("bar", "cross", "disc").contains(t.findElement(By.cssSelector(".label")).getText())));
        assertThat(browser.findElements(By.cssSelector("#counts tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart .bar-row"))).isNotEmpty();

        // review: least confident first, correct the first image to its second most probable class by keyboard
        browser.findElement(By.id("view")).sendKeys("Least");
        // the flat review list has no per-class groups: wait for that re-render before touching tiles
        wait.until(d -> d.findElements(By.cssSelector("#gallery .group")).isEmpty()
                && d.findElements(By.cssSelector(".tile")).size() == 3);
        String imageId = wait.until(d -> d.findElements(By.cssSelector(".tile")).get(0).getAttribute("data-id"));
        wait.until(d -> {
            d.findElement(By.cssSelector(".tile[data-id='" + imageId + "']")).click();
            return true;
        });
        String second = image(imageId).get("top").get(1).get("class").asText();
        wait.until(d -> d.findElements(By.cssSelector("#detail-top li")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#detail-top li")).get(1).getAttribute("data-class")).isEqualTo(second);
        new Actions(browser).sendKeys("2").perform();
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + imageId + "']")).getAttribute("class")
                .contains("validated"));
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + imageId + "'] .label")).getText()
                .equals(second));
        JsonNode image = image(imageId);
        assertThat(image.get("label").asText()).isEqualTo(second);
        assertThat(image.get("history")).hasSize(1);
        assertThat(image.get("history").get(0).get("who").asText()).isEqualTo("ana");

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
                .contains(",validated," + second + ",");

        browser.findElement(By.id("dismiss-upload-errors")).click();
        wait.until(d -> !d.findElement(By.id("upload-errors")).isDisplayed());
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

    @Test
    void thePickerSearchesKnownLabelsAndRefusesAnUnknownOneUnlessAddedExplicitly() throws Exception {
        var wait = sampleOfThree("picker");
        String id = select(wait, 0);
        String label = image(id).get("label").asText();
        String target = List.of("bar", "cross", "disc").stream().filter(c -> !c.equals(label)).findFirst().orElseThrow();

        keys("c");
        wait.until(d -> d.findElement(By.id("picker")).isDisplayed());
        WebElement search = browser.findElement(By.id("picker-input"));
        // the image's own top 5 come first, with their probabilities
        String firstOffered = browser.findElements(By.cssSelector("#picker-list li")).get(0).getAttribute("data-label");
        assertThat(firstOffered).isEqualTo(image(id).get("top").get(0).get("class").asText());

        search.sendKeys("zzqq", Keys.ENTER); // a typo: refused, nothing written
        wait.until(d -> d.findElement(By.id("message")).getText().contains("not a known label"));
        assertThat(browser.findElement(By.id("picker")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#picker-list li.new-class"))).hasSize(1);
        assertThat(image(id).get("history")).isEmpty();

        search.clear();
        search.sendKeys(target.substring(0, 2));
        wait.until(d -> d.findElement(By.cssSelector("#picker-list li.active")).getAttribute("data-label").equals(target));
        search.sendKeys(Keys.ENTER);
        wait.until(d -> !d.findElement(By.id("picker")).isDisplayed());
        wait.until(d -> {
            try {
                return image(id).get("label").asText().equals(target);
            } catch (Exception e) {
                return false;
            }
        });
        // focus is back on the gallery: the keys act on images again
        assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.id;")).isEqualTo("gallery");

        // a new class only when chosen on purpose: arrow down to the "add as a new class" entry
        select(wait, 1);
        String other = browser.findElement(By.cssSelector(".tile.selected")).getAttribute("data-id");
        keys("c");
        wait.until(d -> d.findElement(By.id("picker")).isDisplayed());
        browser.findElement(By.id("picker-input")).sendKeys("Oithona similis");
        browser.findElement(By.id("picker-input")).sendKeys(Keys.ENTER);
        wait.until(d -> d.findElement(By.id("message")).getText().contains("not a known label"));
        browser.findElement(By.id("picker-input")).sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        wait.until(d -> !d.findElement(By.id("picker")).isDisplayed());
        wait.until(d -> {
            try {
                return image(other).get("label").asText().equals("Oithona similis");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void keysOneToFivePickTheImagesTopFiveAndCtrlZUndoes() throws Exception {
        var wait = sampleOfThree("keys and undo");
        String id = select(wait, 0);
        JsonNode before = image(id);
        String third = before.get("top").get(2).get("class").asText();
        String predicted = before.get("predicted_class").asText();

        // the detail panel: the enlarged image, its top 5 with probabilities, size, history
        wait.until(d -> d.findElements(By.cssSelector("#detail-top li")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#detail-top li")).get(2).getAttribute("data-class")).isEqualTo(third);
        assertThat(browser.findElement(By.id("detail-top")).getText()).contains("%");
        assertThat(browser.findElement(By.id("detail-size")).getText())
                .isEqualTo(before.get("width").asInt() + " \u00d7 " + before.get("height").asInt() + " px");
        assertThat(browser.findElement(By.id("detail-img")).getAttribute("src")).endsWith("/api/images/" + id + "/file");
        // with the sample's pixel size (samples-meta's field), the size in micrometres too
        ((JavascriptExecutor) browser).executeScript("state.sample.pixel_size_um = 2.5; render();");
        wait.until(d -> d.findElement(By.id("detail-size")).getText().endsWith(String.format(java.util.Locale.ROOT,
                "= %.1f \u00d7 %.1f \u00b5m", before.get("width").asInt() * 2.5, before.get("height").asInt() * 2.5)));
        ((JavascriptExecutor) browser).executeScript("delete state.sample.pixel_size_um; render();");
        wait.until(d -> d.findElement(By.id("detail-history")).getText().contains("not reviewed yet"));
        browser.findElement(By.id("zoom-in")).click();
        wait.until(d -> d.findElement(By.id("zoom-level")).getText().endsWith("%"));
        browser.findElement(By.id("zoom-fit")).click();
        wait.until(d -> d.findElement(By.id("zoom-level")).getText().equals("fit"));

        keys("3");
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + id + "'] .label")).getText().equals(third));
        // a corrected tile moves to its new group and still says what the model said
        WebElement tile = browser.findElement(By.cssSelector(".tile[data-id='" + id + "']"));
        assertThat(tile.findElement(By.xpath("ancestor::div[contains(@class,'group')]")).getAttribute("data-class"))
                .isEqualTo(third);
        assertThat(tile.findElement(By.cssSelector(".status")).getText()).startsWith("corrected (was " + predicted + ", ");
        assertThat(tile.getAttribute("class")).contains("corrected");

        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + id + "']")).getAttribute("class").contains("predicted"));
        JsonNode after = image(id);
        assertThat(after.get("status").asText()).isEqualTo("predicted");
        assertThat(after.get("label").asText()).isEqualTo(predicted);
        assertThat(after.get("history")).hasSize(2); // append-only: the correction and its undo
        assertThat(after.get("history").get(1).get("undoes").asLong())
                .isEqualTo(after.get("history").get(0).get("id").asLong());

        // d marks the selected image dubious
        select(wait, 0);
        String dub = browser.findElement(By.cssSelector(".tile.selected")).getAttribute("data-id");
        keys("d");
        wait.until(d -> d.findElement(By.cssSelector(".tile[data-id='" + dub + "']")).getAttribute("class").contains("dubious"));
        assertThat(image(dub).get("status").asText()).isEqualTo("dubious");
    }

    @Test
    void multiSelectValidatesTheSelectionAndAGroupAboveAThreshold() throws Exception {
        var wait = sampleOfThree("multi-select");
        String a = select(wait, 0);
        String middle = wait.until(d -> d.findElements(By.cssSelector(".tile")).get(1).getAttribute("data-id"));
        String b = wait.until(d -> d.findElements(By.cssSelector(".tile")).get(2).getAttribute("data-id"));
        clickTile(wait, b, Keys.SHIFT); // a range: the three tiles
        wait.until(d -> d.findElements(By.cssSelector(".tile.picked")).size() == 3);
        clickTile(wait, middle, Keys.CONTROL); // out of the selection again
        wait.until(d -> d.findElements(By.cssSelector(".tile.picked")).size() == 2);
        assertThat(browser.findElement(By.cssSelector(".tile[data-id='" + middle + "']")).getAttribute("class"))
                .doesNotContain("picked");
        assertThat(browser.findElement(By.id("picked-count")).getText()).isEqualTo("2 selected");
        browser.findElement(By.id("validate-picked")).click();
        wait.until(d -> d.findElements(By.cssSelector(".tile.validated")).size() == 2);
        assertThat(image(a).get("status").asText()).isEqualTo("validated");
        assertThat(image(b).get("status").asText()).isEqualTo("validated");
        assertThat(browser.findElement(By.id("selection-bar")).isDisplayed()).isFalse();

        // the group of the one image left, at or above 0%: that image
        WebElement minPct = browser.findElement(By.id("min-pct"));
        minPct.clear();
        minPct.sendKeys("0", Keys.TAB);
        WebElement left = browser.findElement(By.cssSelector(".tile.predicted"));
        String leftId = left.getAttribute("data-id");
        left.findElement(By.xpath("ancestor::div[contains(@class,'group')]")).findElement(By.cssSelector(".validate-group")).click();
        wait.until(d -> d.findElements(By.cssSelector(".tile.validated")).size() == 3);
        assertThat(image(leftId).get("status").asText()).isEqualTo("validated");

        // Ctrl-Z undoes the whole group validation
        focusGalleryByClick();
        new Actions(browser).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform();
        wait.until(d -> d.findElements(By.cssSelector(".tile.validated")).size() == 2);
    }

    private static void focusGalleryByClick() {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('gallery').focus();");
    }

    @Test
    void eachSampleAndViewHasAUrlThatAReloadRestores() throws Exception {
        var wait = sampleOfThree("url");
        String id = sampleId();
        assertThat(browser.getCurrentUrl()).endsWith("#/samples/" + id);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("status-filter"))).selectByValue("predicted");
        wait.until(d -> d.getCurrentUrl().endsWith("#/samples/" + id + "?status=predicted"));
        // the menu let go of the keys: arrows move in the gallery, not through the menu
        assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.id;")).isEqualTo("gallery");
        keys(Keys.ARROW_DOWN, Keys.ARROW_RIGHT);
        assertThat(browser.findElement(By.id("status-filter")).getAttribute("value")).isEqualTo("predicted");

        browser.navigate().refresh();
        wait.until(d -> d.findElement(By.id("sample-title")).getText().equals("url"));
        assertThat(browser.findElement(By.id("status-filter")).getAttribute("value")).isEqualTo("predicted");
        wait.until(d -> d.findElements(By.cssSelector(".tile")).size() == 3);
        // and the reviewer's name came back from this browser's storage
        assertThat(browser.findElement(By.id("who")).getAttribute("value")).isEqualTo("ana");
    }

    @Test
    void noReviewWithoutAReviewerName() throws Exception {
        var wait = sampleOfThree("nameless");
        ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('plankton-who');");
        browser.findElement(By.id("who")).clear();
        String id = select(wait, 0);
        keys("v");
        wait.until(d -> d.findElement(By.id("message")).getText().contains("name"));
        assertThat(browser.findElement(By.id("who")).getAttribute("class")).contains("missing");
        assertThat(image(id).get("history")).isEmpty();
        setReviewer("ben");
        select(wait, 0);
        keys("v");
        wait.until(d -> {
            try {
                return image(id).get("history").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(image(id).get("annotated_by").asText()).isEqualTo("ben");
        setReviewer("ana");
    }

    @Test
    void theCountsTableFitsItsPanelAt1280Pixels() throws Exception {
        Dimension size = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(1280, 900));
            var wait = sampleOfThree("narrow screen");
            // a long label in the table, as NDSB names are
            select(wait, 0);
            keys("c");
            wait.until(d -> d.findElement(By.id("picker")).isDisplayed());
            browser.findElement(By.id("picker-input")).sendKeys("chaetognath_non_sagitta_with_a_very_long_name_indeed");
            browser.findElement(By.id("picker-input")).sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            wait.until(d -> d.findElements(By.cssSelector("#counts tbody tr")).stream()
                    .anyMatch(r -> r.getAttribute("data-class").startsWith("chaetognath")));
            assertCountsFit();
            // the full name is on hover
            assertThat(browser.findElement(By.cssSelector("#counts tbody tr[data-class^='chaetognath'] td")).getAttribute("title"))
                    .isEqualTo("chaetognath_non_sagitta_with_a_very_long_name_indeed");

            // concentrations with their intervals, sizes and biovolumes: the same width, values shortened, full in the title
            new Http(server.url(), null).patchJson("/api/samples/" + sampleId(), Map.of("volume_l", 0.25, "pixel_size_um", 3.5));
            browser.findElement(By.cssSelector("#counts-toggle button[value='concentration']")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#counts td.conc")).isEmpty()
                    && d.findElements(By.cssSelector("#counts td.conc")).stream().noneMatch(td -> td.getText().equals("\u2013")));
            assertCountsFit();
            assertThat(browser.findElement(By.cssSelector("#counts tbody tr[data-class^='chaetognath'] td.conc"))
                    .getAttribute("title")).startsWith("chaetognath_non_sagitta_with_a_very_long_name_indeed: 4.00 /L (");
        } finally {
            ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('plankton-counts-view');");
            browser.manage().window().setSize(size);
        }
    }

    /** The counts panel and its table scroll neither sideways nor push the page wider. */
    private static void assertCountsFit() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Number panelScroll = (Number) js.executeScript("return document.querySelector('aside.counts').scrollWidth;");
        Number panelClient = (Number) js.executeScript("return document.querySelector('aside.counts').clientWidth;");
        Number tableScroll = (Number) js.executeScript("return document.getElementById('counts').scrollWidth;");
        Number tableClient = (Number) js.executeScript("return document.getElementById('counts').clientWidth;");
        assertThat(panelScroll.intValue()).isLessThanOrEqualTo(panelClient.intValue());
        assertThat(tableScroll.intValue()).isLessThanOrEqualTo(tableClient.intValue());
        assertThat(tableClient.intValue()).isLessThanOrEqualTo(panelClient.intValue());
        Number page = (Number) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(page.intValue()).as("page scrolls sideways").isLessThanOrEqualTo(0);
    }

    /**
     * Sample metadata in the page: the concentrations view says once that the volume is missing and
     * opens the editor; the API's refusal appears next to the field it names; a saved volume and pixel
     * size turn the counts into concentrations with intervals, and sizes.
     */
    @Test
    void editingTheMetadataShowsFieldErrorsAndTurnsCountsIntoConcentrations() throws Exception {
        var wait = sampleOfThree("concentrations");
        try {
            browser.findElement(By.cssSelector("#counts-toggle button[value='concentration']")).click();
            wait.until(d -> d.findElement(By.id("counts-note")).isDisplayed());
            assertThat(browser.findElement(By.id("counts-note")).getText()).contains("volume").contains("pixel size");
            assertThat(browser.findElements(By.cssSelector("#counts td.conc"))).isNotEmpty()
                    .allMatch(td -> td.getText().equals("\u2013"));

            browser.findElement(By.id("counts-edit-metadata")).click();
            wait.until(d -> d.findElement(By.id("metadata-box")).getAttribute("open") != null);
            WebElement volume = browser.findElement(By.cssSelector("#metadata input[name='volume_l']"));
            assertThat(((JavascriptExecutor) browser).executeScript("return document.activeElement.name;")).isEqualTo("volume_l");
            volume.sendKeys("0"); // the browser allows it (min 0), the API does not (> 0)
            browser.findElement(By.id("save-metadata")).click();
            WebElement error = wait.until(d -> d.findElement(By.id("metadata-error-volume_l")));
            assertThat(error.getText()).contains("volume_l");
            assertThat(volume.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(volume.getAttribute("aria-describedby")).isEqualTo("metadata-error-volume_l");

            volume.clear();
            volume.sendKeys("2.5");
            browser.findElement(By.cssSelector("#metadata input[name='pixel_size_um']")).sendKeys("10");
            browser.findElement(By.id("save-metadata")).click();
            wait.until(d -> d.findElements(By.id("metadata-error-volume_l")).isEmpty());
            // e.g. "0.40 (0.010–2.2)": one individual in 2.5 L, with its 95% interval
            wait.until(d -> d.findElements(By.cssSelector("#counts td.conc")).stream()
                    .allMatch(td -> td.getText().matches("[\\d.]+ \\([\\d.]+\u2013[\\d.]+\\)")));
            assertThat(browser.findElement(By.id("counts-note")).isDisplayed()).isFalse();
            JsonNode row = new Http(server.url(), null).get("/api/samples/" + sampleId() + "/counts").json()
                    .get("classes").get(0);
            WebElement first = browser.findElement(By.cssSelector("#counts tbody tr[data-class='" + row.get("class").asText() + "']"));
            assertThat(first.findElement(By.cssSelector("td.conc")).getAttribute("title"))
                    .contains(String.format(Locale.ROOT, "%.2f /L (", row.get("concentration_per_l").asDouble()))
                    .contains("/m\u00b3");
            assertThat(first.findElements(By.tagName("td")).get(2).getAttribute("title")).startsWith("mean ESD ");
            JsonNode sample = new Http(server.url(), null).get("/api/samples/" + sampleId()).json();
            assertThat(sample.get("volume_l").asDouble()).isEqualTo(2.5);
            assertThat(sample.get("pixel_size_um").asDouble()).isEqualTo(10.0);
        } finally {
            ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('plankton-counts-view');");
        }
    }

    /**
     * Improve the model from the sample view, on a server of its own (activating a version changes
     * the model every other test's page shows): the m key opens the panel with the sample chosen, a
     * one-epoch job runs to done with its progress, the held-out figures of old and new model are
     * shown, activation asks first and then the models list marks the new version active. A job
     * started elsewhere makes Start answer 409: the panel shows that job, and its Cancel stops it.
     */
    @Test
    void theRetrainPanelTrainsComparesActivatesAfterConfirmationAndCancels() throws Exception {
        try (PlanktonServer own = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("retrain-data"))
                .withPort(0))) {
            Http http = new Http(own.url(), null);
            long id = ReviewedSample.create(http, "reviewed haul");
            String before = http.get("/api/model").json().get("id").asText();
            // training shares the machine's cores with the browser: as long as RetrainTest allows a job
            var wait = new WebDriverWait(browser, Duration.ofSeconds(300));
            wait.ignoring(StaleElementReferenceException.class);
            browser.get(own.url() + "/#/samples/" + id);
            wait.until(d -> d.findElement(By.id("sample-title")).getText().equals("reviewed haul"));
            wait.until(d -> !d.findElements(By.cssSelector(".tile")).isEmpty());

            focusGalleryByClick();
            keys("m");
            wait.until(d -> d.findElement(By.id("retrain")).isDisplayed());
            wait.until(d -> d.findElement(By.cssSelector("#retrain-samples input[value='" + id + "']")).isSelected());
            wait.until(d -> d.findElement(By.cssSelector("#models-list li[data-version='v1']")).getAttribute("class")
                    .contains("active"));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            // every state the job section shows, in order: a one-epoch job may pass between two polls
            js.executeScript("window.jobStates = []; new MutationObserver(() => {"
                    + " const s = document.getElementById('retrain-job').dataset.state;"
                    + " if (window.jobStates[window.jobStates.length - 1] !== s) window.jobStates.push(s); })"
                    + ".observe(document.getElementById('retrain-job'), { attributes: true, attributeFilter: ['data-state'] });");
            WebElement epochs = browser.findElement(By.id("retrain-epochs"));
            // empty by default: the server chooses the epochs from the number of images
            assertThat(epochs.getAttribute("value")).isEmpty();
            assertThat(epochs.getAttribute("placeholder")).isEqualTo("auto");
            epochs.clear();
            epochs.sendKeys("1");
            browser.findElement(By.id("retrain-start")).click();
            wait.until(d -> "done".equals(d.findElement(By.id("retrain-job")).getAttribute("data-state")));
            assertThat(String.valueOf(js.executeScript("return window.jobStates;"))).isEqualTo("[running, done]");
            assertThat(browser.findElement(By.id("job-progress")).getAttribute("value")).isEqualTo("1");
            assertThat(browser.findElement(By.id("job-numbers")).getText()).startsWith("epoch 1/1");
            assertThat(browser.findElements(By.cssSelector("#job-messages li"))).isNotEmpty();
            assertThat(browser.findElement(By.id("job-state")).getText()).isEqualTo("done: v2 written");

            // old and new model on the held-out reviewed images, as the version's provenance has them
            wait.until(d -> d.findElement(By.id("job-result")).isDisplayed());
            JsonNode prov = http.get("/api/models").json().get("versions").get(1).get("provenance");
            assertThat(cells("#job-scores tr[data-metric='accuracy'] td")).containsExactly(
                    percent(prov.get("held_out_old").get("accuracy").asDouble()),
                    percent(prov.get("held_out_new").get("accuracy").asDouble()));
            assertThat(cells("#job-scores tr[data-metric='log_loss'] td")).containsExactly(
                    String.format(Locale.ROOT, "%.3f", prov.get("held_out_old").get("log_loss").asDouble()),
                    String.format(Locale.ROOT, "%.3f", prov.get("held_out_new").get("log_loss").asDouble()));
            assertThat(browser.findElement(By.cssSelector("#models-list li[data-version='v2'] .summary")).getText())
                    .contains(prov.get("reviews").asInt() + " reviews").contains(prov.get("train_images").asInt() + " train images");

            // activation asks first: dismissed, nothing changes
            WebElement activate = browser.findElement(By.id("job-activate"));
            assertThat(activate.getText()).isEqualTo("Activate v2\u2026");
            activate.click();
            Alert ask = wait.until(ExpectedConditions.alertIsPresent());
            assertThat(ask.getText()).contains("Activate model v2").contains("everyone");
            ask.dismiss();
            assertThat(http.get("/api/models").json().get("active").asText()).isEqualTo("v1");
            browser.findElement(By.id("job-activate")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(d -> d.findElement(By.cssSelector("#models-list li[data-version='v2']")).getAttribute("class")
                    .contains("active"));
            assertThat(http.get("/api/models").json().get("active").asText()).isEqualTo("v2");
            WebElement v1 = browser.findElement(By.cssSelector("#models-list li[data-version='v1']"));
            assertThat(v1.getAttribute("class")).doesNotContain("active");
            assertThat(v1.findElements(By.cssSelector("button.activate"))).hasSize(1);
            wait.until(d -> !d.findElement(By.id("model")).getText().contains(before));
            assertThat(browser.findElement(By.id("job-activate")).getText()).isEqualTo("v2 is active");

            // a job started elsewhere: Start is refused (409) and the panel follows that job instead
            String other = http.postJson("/api/retrain", Http.map("samples", List.of(id), "epochs", 100)).json()
                    .get("job").asText();
            browser.findElement(By.id("retrain-start")).click();
            wait.until(d -> d.findElement(By.id("retrain-error")).getText().contains("already running"));
            wait.until(d -> d.findElement(By.id("job-id")).getText().equals(other));
            // cancel inside training, as a person would once the first epoch shows
            wait.until(d -> d.findElement(By.id("job-numbers")).getText().matches("epoch [1-9]\\d*/100 .*"));
            browser.findElement(By.id("job-cancel")).click();
            wait.until(d -> "cancelled".equals(d.findElement(By.id("retrain-job")).getAttribute("data-state")));
            assertThat(http.get("/api/retrain/" + other).json().get("state").asText()).isEqualTo("cancelled");
            assertThat(browser.findElement(By.id("job-cancel")).isDisplayed()).isFalse();
            assertThat(browser.findElements(By.cssSelector("#models-list li"))).hasSize(2);

            // Esc closes the panel; the gallery has the keys again
            keys(Keys.ESCAPE);
            wait.until(d -> !d.findElement(By.id("retrain")).isDisplayed());
            wait.until(d -> "gallery".equals(js.executeScript("return document.activeElement.id;")));
        }
    }

    /**
     * The parts of the panel that need newer server fields, a version's {@code repredict} and
     * {@code GET /api/retrain/report}, fed by a stand-in for fetch: shown when the server gives them
     * (without them, the other tests see nothing of them).
     */
    @Test
    void theModelsListShowsRepredictionAndTheReportWhenTheServerHasThem() throws Exception {
        var wait = sampleOfThree("newer server");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.fake = { repredict: { state: 'running', done: 3, total: 10 } };"
                + " const f = window.fetch; window.fetch = async (u, o) => {"
                + "  if (String(u) === '/api/retrain/report') return new Response(JSON.stringify({ rows: [{ version: 'v2',"
                + "   reviews: 72, train_images: 58, held_out_images: 14, accuracy_old: 0.5, accuracy_new: 0.75,"
                + "   accuracy_gain: 0.25, log_loss_old: 1.2, log_loss_new: 0.6 }] }), { headers: { 'Content-Type': 'application/json' } });"
                + "  const r = await f(u, o);"
                + "  if (String(u) !== '/api/models') return r;"
                + "  const m = await r.json(); m.versions[0].repredict = window.fake.repredict;"
                + "  return new Response(JSON.stringify(m), { headers: { 'Content-Type': 'application/json' } }); };");
        focusGalleryByClick(); // not the reviewer's name field, where m is a letter
        keys("m");
        wait.until(d -> d.findElement(By.id("report-box")).isDisplayed());
        assertThat(cells("#retrain-report tr[data-version='v2'] td")).containsExactly("v2", "72", "58", "14",
                "50.0% \u2192 75.0%", "+25.0 pts", "1.200 \u2192 0.600");
        WebElement v1 = browser.findElement(By.cssSelector("#models-list li[data-version='v1']"));
        assertThat(v1.findElement(By.cssSelector(".repredict progress")).getAttribute("value")).isEqualTo("3");
        assertThat(v1.findElement(By.cssSelector(".repredict")).getText()).contains("3/10");
        // it is followed while it runs
        js.executeScript("window.fake.repredict = { state: 'done', done: 10, total: 10 };");
        wait.until(d -> d.findElement(By.cssSelector("#models-list li[data-version='v1'] .repredict")).getText()
                .equals("stored images re-predicted (10)"));
        keys(Keys.ESCAPE);
        wait.until(d -> !d.findElement(By.id("retrain")).isDisplayed());
    }

    private static List<String> cells(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
