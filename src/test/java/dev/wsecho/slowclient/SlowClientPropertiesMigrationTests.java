package dev.wsecho.slowclient;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys that came before {@code wsecho.slow-clients.*} still take effect, with a
 * warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlowClientPropertiesMigrationTests {

	@Test
	void bindsTheOldLabKeysToTheNewOnes(CapturedOutput output) {
		SlowClientProperties properties = start("--wsecho.lab.send-time-limit=750ms",
				"--wsecho.lab.send-buffer-size=96KB");

		assertThat(properties.sendTimeLimit()).isEqualTo(Duration.ofMillis(750));
		assertThat(properties.sendBufferSize()).isEqualTo(DataSize.ofKilobytes(96));
		assertThat(output.getOut()).contains("wsecho.lab.send-time-limit")
			.contains("wsecho.slow-clients.send-time-limit");
	}

	@Test
	void bindsTheOldChatKeysToTheNewOnes() {
		SlowClientProperties properties = start("--wsecho.chat.send-time-limit=3s",
				"--wsecho.chat.send-buffer-size=64KB", "--wsecho.chat.max-pending=7");

		assertThat(properties.sendTimeLimit()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.sendBufferSize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.maxPending()).isEqualTo(7);
	}

	@Test
	void bindsTheOldTransportSendTimeoutToTheNewOne() {
		SlowClientProperties properties = start("--wsecho.limits.send-timeout=3s");

		assertThat(properties.transportSendTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void letsAnOldKeyLeftBesideTheNewOneWin() {
		// The migrator puts the remapped keys in front of the source they came from:
		// remove the old key.
		SlowClientProperties properties = start("--wsecho.chat.max-pending=7", "--wsecho.slow-clients.max-pending=9");

		assertThat(properties.maxPending()).isEqualTo(7);
	}

	@Test
	void takesOneOfTheLabAndChatKeysWhenBothAreSetAndWarnsOfBoth(CapturedOutput output) {
		// Which one is the migrator's choice (not the order they are given in): the docs
		// say to set the new key.
		SlowClientProperties properties = start("--wsecho.lab.send-buffer-size=2MB",
				"--wsecho.chat.send-buffer-size=3MB");

		assertThat(properties.sendBufferSize()).isIn(DataSize.ofMegabytes(2), DataSize.ofMegabytes(3));
		assertThat(output.getOut()).contains("wsecho.chat.send-buffer-size").contains("wsecho.lab.send-buffer-size");
	}

	@Test
	void keepsTheDefaultsWhenNothingIsSet() {
		assertThat(start()).isEqualTo(SlowClientProperties.defaults());
	}

	private static SlowClientProperties start(String... args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			return context.getBean(SlowClientProperties.class);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SlowClientProperties.class)
	static class Settings {

	}

}
