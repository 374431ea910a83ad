package dev.wsecho.connection;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;

import dev.wsecho.slowclient.SlowClients;

/**
 * Puts an endpoint's handler behind the per-connection guards: registration, logging and
 * metrics of each connection, keep-alive and idle limits, the message rate, the
 * transport's backstop for a client that reads nothing
 * ({@code SlowClients#limitTransport}), and the {@link ConnectionSlots slot} given back
 * when the connection closes.
 */
@Component
public final class ConnectionGuards {

	private final SessionRegistry sessions;

	private final LimitsProperties limits;

	private final SlowClients slowClients;

	ConnectionGuards(SessionRegistry sessions, LimitsProperties limits, SlowClients slowClients) {
		this.sessions = sessions;
		this.limits = limits;
		this.slowClients = slowClients;
	}

	/**
	 * The rate of an endpoint that sets none of its own:
	 * {@code wsecho.limits.message-rate}, in bursts of up to one second's worth.
	 */
	public MessageRate defaultRate() {
		return new MessageRate(this.limits.messageRate(), this.limits.messageRate());
	}

	/**
	 * {@code handler} behind the guards; {@code endpoint} tags its metrics and log lines,
	 * and each of its connections may send {@code rate}.
	 */
	public WebSocketHandler guard(String endpoint, WebSocketHandler handler, MessageRate rate) {
		return new GuardedWebSocketHandler(endpoint, handler, this.sessions, rate, this.slowClients);
	}

}
