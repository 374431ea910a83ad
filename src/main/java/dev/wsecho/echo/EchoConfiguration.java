package dev.wsecho.echo;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.wsecho.endpoint.WebSocketEndpoints;

/**
 * Registers the echo handler at {@link EchoProperties#PATH} with its subprotocol policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EchoConfiguration implements WebSocketConfigurer {

	private final EchoProperties properties;

	private final WebSocketEndpoints endpoints;

	EchoConfiguration(EchoProperties properties, WebSocketEndpoints endpoints) {
		this.properties = properties;
		this.endpoints = endpoints;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, "echo", EchoProperties.PATH,
				new EchoWebSocketHandler(this.properties.maxMessageSize()),
				new FirstOfferedSubprotocolHandshakeHandler(this.properties.subprotocols()));
	}

}
