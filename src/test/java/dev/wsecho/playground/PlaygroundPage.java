package dev.wsecho.playground;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.wsecho.testsupport.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground in headless Chromium, opened before each test at 1280×900 with nothing
 * left in localStorage by an earlier test; one Chromium serves every browser test of the
 * run.
 */
final class PlaygroundPage implements BeforeEachCallback, AfterEachCallback {

	static final String TIMESTAMP = "\\d{2}:\\d{2}:\\d{2}\\.\\d{3}";

	private static final Namespace NAMESPACE = Namespace.create(PlaygroundPage.class);

	private HeadlessChromium chromium;

	private WebDriver driver;

	private WebDriverWait wait;

	private int port;

	@Override
	public void beforeEach(ExtensionContext context) {
		// Closed by JUnit with the root store, at the end of the run.
		this.chromium = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(HeadlessChromium.class, (key) -> startChromium(), HeadlessChromium.class);
		this.port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getRequiredProperty("local.server.port", Integer.class);
		this.driver = this.chromium.driver();
		// Polled often: a reconnect countdown of a few hundred milliseconds must not slip
		// between polls.
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(10), Duration.ofMillis(25));
		this.driver.manage().window().setSize(new Dimension(1280, 900));
		this.driver.get(origin() + "/");
		script("localStorage.clear();");
		reload();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.driver == null) {
			// Skipped before a browser started (no Chromium here): nothing ran in a page.
			return;
		}
		assertThat(script("return window.pageErrors;")).as("uncaught errors in the page").isEqualTo(List.of());
	}

	private static HeadlessChromium startChromium() {
		try {
			HeadlessChromium chromium = HeadlessChromium.start();
			// Installed before any page script runs, so an error while the modules load
			// is caught too.
			((HasCdp) chromium.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
					window.pageErrors = [];
					addEventListener('error', (event) => pageErrors.push(String(event.message)));
					addEventListener('unhandledrejection', (event) => pageErrors.push(String(event.reason)));
					"""));
			return chromium;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	String echoUrl() {
		return "ws://127.0.0.1:" + this.port + "/ws/echo";
	}

	WebDriver driver() {
		return this.driver;
	}

	WebDriverWait await() {
		return this.wait;
	}

	/**
	 * Loads the page again, keeping localStorage, and waits until its scripts have drawn
	 * it.
	 */
	void reload() {
		this.driver.get(origin() + "/");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready='true']")));
		assertThat(text("status-state")).isEqualTo("CLOSED (3)");
	}

	WebElement byId(String id) {
		return this.driver.findElement(By.id(id));
	}

	String text(String id) {
		return byId(id).getText();
	}

	String value(String id) {
		return byId(id).getDomProperty("value");
	}

	/** Replaces the field's value by typing, as a user would. */
	void type(String id, CharSequence... keys) {
		WebElement field = byId(id);
		field.clear();
		field.sendKeys(keys);
	}

	/** Sets a settings field and fires its change event. */
	void setting(String id, String value) {
		openSettings();
		// Select-and-type rather than clear(): clear() fires a change of its own with an
		// empty value.
		byId(id).sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
	}

	void openSettings() {
		if (byId("settings").getDomAttribute("open") == null) {
			this.driver.findElement(By.cssSelector("#settings summary")).click();
		}
	}

	void click(String id) {
		byId(id).click();
	}

	/**
	 * Picks a radio or checkbox the way a user does: by its label, which is what the page
	 * shows.
	 */
	void choose(String id) {
		this.driver.findElement(By.cssSelector("label[for='" + id + "']")).click();
	}

	void connect() {
		click("connect");
		this.wait.until(ExpectedConditions.textToBe(By.id("status-state"), "OPEN (1)"));
	}

	/** Types a message, presses Enter and waits for its echo to be the newest entry. */
	void sendAndAwaitEcho(String message) {
		int received = entries("received").size();
		type("message", message, Keys.ENTER);
		this.wait.until((d) -> entries("received").size() > received);
	}

	List<WebElement> entries() {
		return this.driver.findElements(By.cssSelector("#log .entry"));
	}

	List<WebElement> entries(String kind) {
		return this.driver.findElements(By.cssSelector("#log .entry[data-kind='" + kind + "']"));
	}

	WebElement newest() {
		return entries().get(0);
	}

	void awaitNewest(String kind, String text) {
		this.wait.until((d) -> {
			List<WebElement> entries = entries();
			return !entries.isEmpty() && kind.equals(entries.get(0).getDomAttribute("data-kind"))
					&& text.equals(entries.get(0).findElement(By.className("text")).getText());
		});
	}

	Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	Object asyncScript(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(script, args);
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	Path screenshot(String name) throws IOException {
		return this.chromium.screenshot(name);
	}

	/**
	 * Saves the whole page, not just the window, by growing the window to the page's
	 * height.
	 */
	Path fullPageScreenshot(String name, int width) throws IOException {
		resize(width, 900);
		long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
		resize(width, (int) Math.min(height + 140, 4000));
		return this.chromium.screenshot(name);
	}

	static void assertEntry(WebElement entry, String kind, String text) {
		assertThat(entry.getDomAttribute("data-kind")).isEqualTo(kind);
		assertThat(entry.findElement(By.className("kind")).getText()).isEqualToIgnoringCase(kind);
		assertThat(entry.findElement(By.className("text")).getText()).isEqualTo(text);
		assertThat(entry.findElement(By.tagName("time")).getText()).matches(TIMESTAMP);
	}

}
