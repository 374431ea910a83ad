package dev.wsecho.connection;

import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsecho.limits.accept-backlog=77")
class AcceptBacklogCustomizerTests {

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void listensWithTheConfiguredBacklog() {
		JettyWebServer server = (JettyWebServer) this.context.getWebServer();

		assertThat(server.getServer().getConnectors()).singleElement()
			.isInstanceOfSatisfying(ServerConnector.class,
					(connector) -> assertThat(connector.getAcceptQueueSize()).isEqualTo(77));
	}

}
