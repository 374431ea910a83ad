package dev.wsecho.connection;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sets the listen backlog of Jetty's connectors to {@code wsecho.limits.accept-backlog}.
 * Jetty leaves it to Java's default of 50: a load test opening connections a hundred at a
 * time then overflows it, and every dropped SYN costs its client a second before the
 * retry.
 */
@Component
class AcceptBacklogCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private final int backlog;

	AcceptBacklogCustomizer(LimitsProperties limits) {
		this.backlog = limits.acceptBacklog();
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				if (connector instanceof ServerConnector serverConnector) {
					serverConnector.setAcceptQueueSize(this.backlog);
				}
			}
		});
	}

}
