package dev.wsecho.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's Chromium headless through its ChromeDriver, with a fresh profile; where
 * Chromium is missing the calling test is skipped with a message, except in CI, where it
 * fails.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	public static HeadlessChromium start() throws IOException {
		return start(new String[0]);
	}

	/**
	 * Starts Chromium with switches of the test's own, e.g.
	 * {@code --ignore-certificate-errors} for a key store made at test time.
	 */
	public static HeadlessChromium start(String... switches) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String message = "Browser tests skipped: " + CHROMIUM + " and " + CHROMEDRIVER
					+ " are needed (apt-get install -y chromium chromium-driver)";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(message.replace("skipped", "cannot run in CI"));
			}
			System.err.println("[WARNING] " + message);
			Assumptions.abort(message);
		}
		Path profile = Files.createTempDirectory("wsecho-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without the background-networking flags Chromium keeps dialling out, which this
		// closed network refuses; QUIC is off for the same reason.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
		options.addArguments(switches);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		return new HeadlessChromium(driver, profile);
	}

	public WebDriver driver() {
		return this.driver;
	}

	/** Saves what the page shows now to {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) throws IOException {
		Path target = Path.of("target", "screenshots", name + ".png");
		Files.createDirectories(target.getParent());
		Files.write(target, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
		return target;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

}
