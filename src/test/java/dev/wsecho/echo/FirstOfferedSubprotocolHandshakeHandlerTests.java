package dev.wsecho.echo;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

class FirstOfferedSubprotocolHandshakeHandlerTests {

	private final TextWebSocketHandler handler = new TextWebSocketHandler();

	@Test
	void selectsTheFirstOfferedWhenAnyIsAccepted() {
		var handshake = new FirstOfferedSubprotocolHandshakeHandler(List.of());

		assertThat(handshake.selectProtocol(List.of("chat", "v2"), this.handler)).isEqualTo("chat");
	}

	@Test
	void selectsNoneWhenNoneIsOffered() {
		var handshake = new FirstOfferedSubprotocolHandshakeHandler(List.of());

		assertThat(handshake.selectProtocol(List.of(), this.handler)).isNull();
	}

	@Test
	void selectsTheFirstOfferedThatIsAccepted() {
		var handshake = new FirstOfferedSubprotocolHandshakeHandler(List.of("v2", "mqtt"));

		assertThat(handshake.selectProtocol(List.of("chat", "mqtt", "v2"), this.handler)).isEqualTo("mqtt");
	}

	@Test
	void selectsNoneWhenNoOfferedIsAccepted() {
		var handshake = new FirstOfferedSubprotocolHandshakeHandler(List.of("v2"));

		assertThat(handshake.selectProtocol(List.of("chat"), this.handler)).isNull();
	}

}
