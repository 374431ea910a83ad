package dev.wsecho.echo;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers the echo handler at {@link EchoProperties#PATH} with its subprotocol and origin policy. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EchoConfiguration implements WebSocketConfigurer {

	private final EchoProperties properties;

	EchoConfiguration(EchoProperties properties) {
		this.properties = properties;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new EchoWebSocketHandler(this.properties.maxMessageSize()), EchoProperties.PATH)
			.setHandshakeHandler(new FirstOfferedSubprotocolHandshakeHandler(this.properties.subprotocols()))
			// Any page may use the echo: it holds no credentials and no state worth stealing.
			.setAllowedOriginPatterns("*");
	}

}
