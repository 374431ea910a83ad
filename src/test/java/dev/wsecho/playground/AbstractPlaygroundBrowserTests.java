package dev.wsecho.playground;

import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * What every playground browser test shares: the application on a random port and the
 * playground open in headless Chromium before each test. A test that needs other settings
 * adds them with {@code @TestPropertySource}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AbstractPlaygroundBrowserTests {

	@RegisterExtension
	final PlaygroundPage page = new PlaygroundPage();

}
