package dev.wsecho.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Connector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Counts the TCP connections the server accepts, whatever runs on them (HTTP/1.1, TLS,
 * HTTP/2); a test adds it to its context with {@code @Import(AcceptedConnections.class)}.
 */
public class AcceptedConnections implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private final AtomicInteger accepted = new AtomicInteger();

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				connector.addEventListener(new Connection.Listener() {
					@Override
					public void onOpened(Connection connection) {
						// The first connection on a socket; TLS and HTTP/2 stack others
						// on it.
						if (connection.getEndPoint() instanceof SocketChannelEndPoint) {
							AcceptedConnections.this.accepted.incrementAndGet();
						}
					}
				});
			}
		});
	}

	/** TCP connections accepted so far. */
	public int count() {
		return this.accepted.get();
	}

}
