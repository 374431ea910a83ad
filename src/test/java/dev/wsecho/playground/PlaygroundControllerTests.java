package dev.wsecho.playground;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.wsecho.echo.EchoProperties;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(controllers = PlaygroundController.class, properties = "wsecho.echo.max-message-size=1MB")
@Import(PlaygroundControllerTests.EchoPropertiesConfiguration.class)
class PlaygroundControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void servesThePlaygroundWithTheEndpointAndLimitItNeeds() {
		assertThat(this.mvc.get().uri("/")).hasStatusOk()
			.hasViewName("index")
			.bodyText()
			.contains("data-echo-path=\"/ws/echo\"")
			.contains("data-max-message-bytes=\"1048576\"")
			.contains("1,048,576");
	}

	@Test
	void tellsTheToolsPanelWhereTheTestEndpointsAre() {
		assertThat(this.mvc.get().uri("/")).bodyText()
			.contains("data-lab-path=\"/ws/lab\"")
			.contains("data-chat-path=\"/ws/chat\"")
			.contains("data-sse-ticks-path=\"/sse/ticks\"")
			.contains("data-sse-chat-path=\"/sse/chat\"");
	}

	@Test
	void loadsItsScriptsAsModulesFromThisServerOnly() {
		assertThat(this.mvc.get().uri("/")).bodyText()
			.contains("<script type=\"module\" src=\"/js/app.js\"></script>")
			.containsPattern("<link rel=\"stylesheet\" href=\"/webjars/uplot/[^\"]*dist/uPlot\\.min\\.css\">")
			.doesNotContainPattern("<script(?![^>]*\\ssrc=)")
			.doesNotContainPattern("(src|href)=\"(https?:)?//")
			.doesNotContain("onclick=");
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EchoProperties.class)
	static class EchoPropertiesConfiguration {

	}

}
