package dev.wsecho.endpoint;

import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import dev.wsecho.transport.EarlyUpgradeHandler;

/**
 * Puts an {@link EarlyUpgradeHandler} in front of the servlet context, so that the
 * endpoints' handshakes skip the servlet layers, unless forwarded headers are applied by
 * Spring's servlet filter ({@code server.forward-headers-strategy=framework}), which a
 * handshake must then pass through to learn the client's address and scheme.
 */
@Component
class EarlyUpgrade implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private final ListableBeanFactory beans;

	private final boolean forwardedByFilter;

	EarlyUpgrade(ListableBeanFactory beans, Environment environment) {
		this.beans = beans;
		this.forwardedByFilter = "framework"
			.equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy", ""));
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		if (this.forwardedByFilter) {
			return;
		}
		factory.addServerCustomizers(
				(server) -> server.setHandler(new EarlyUpgradeHandler(server.getHandler(), this::endpoints)));
	}

	/**
	 * Every endpoint registered at an exact path (a pattern stays with the servlet path).
	 */
	Map<String, WebSocketHttpRequestHandler> endpoints() {
		Map<String, WebSocketHttpRequestHandler> endpoints = new HashMap<>();
		for (WebSocketHandlerMapping mapping : this.beans.getBeansOfType(WebSocketHandlerMapping.class).values()) {
			mapping.getUrlMap().forEach((path, handler) -> {
				if (handler instanceof WebSocketHttpRequestHandler endpoint && !path.contains("*")
						&& !path.contains("{")) {
					endpoints.put(path, endpoint);
				}
			});
		}
		return endpoints;
	}

}
