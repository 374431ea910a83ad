package dev.wsecho.connection;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import dev.wsecho.slowclient.SlowClients;

/**
 * Puts one endpoint's handler behind the shared guards: registers each connection (giving
 * back its {@link ConnectionSlots slot} at the close) and logs its open and close (at
 * DEBUG, a close with a code other than 1000 or 1001 at INFO), counts its traffic,
 * enforces the endpoint's {@link MessageRate} (1008), and hands the handler a
 * {@link TrackedSession} so that its sends are counted and serialised with pings and
 * shutdown.
 */
final class GuardedWebSocketHandler extends WebSocketHandlerDecorator {

	private static final Log logger = LogFactory.getLog(GuardedWebSocketHandler.class);

	private static final String TRACKED = TrackedSession.class.getName();

	/** Close codes of an ordinary end, logged only at DEBUG. */
	private static final Set<Integer> ROUTINE_CLOSES = Set.of(CloseStatus.NORMAL.getCode(),
			CloseStatus.GOING_AWAY.getCode());

	private final String endpoint;

	private final SessionRegistry sessions;

	private final EndpointMeters meters;

	private final MessageRate rate;

	private final SlowClients slowClients;

	private final CloseStatus tooFast;

	GuardedWebSocketHandler(String endpoint, WebSocketHandler delegate, SessionRegistry sessions, MessageRate rate,
			SlowClients slowClients) {
		super(delegate);
		this.endpoint = endpoint;
		this.sessions = sessions;
		this.meters = sessions.metersFor(endpoint);
		this.rate = rate;
		this.slowClients = slowClients;
		this.tooFast = CloseStatus.POLICY_VIOLATION
			.withReason("More than " + rate.perSecond() + " messages per second");
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		this.slowClients.limitTransport(session);
		TrackedSession tracked = new TrackedSession(session, this.endpoint, this.meters, this.rate, System.nanoTime());
		session.getAttributes().put(TRACKED, tracked);
		this.sessions.add(tracked);
		// At DEBUG: a line per connection costs a tenth of a short session's CPU (churn).
		if (logger.isDebugEnabled()) {
			logger.debug("Opened " + this.endpoint + " " + session.getId() + " from " + session.getRemoteAddress()
					+ " protocol=" + session.getAcceptedProtocol());
		}
		super.afterConnectionEstablished(tracked);
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		TrackedSession tracked = tracked(session);
		long now = System.nanoTime();
		if (message instanceof PongMessage) {
			tracked.pongReceived(now);
		}
		else if (!tracked.received(message, now)) {
			tracked.close(this.tooFast);
			return;
		}
		try {
			tracked.whileHandling(message, () -> super.handleMessage(tracked, message));
		}
		catch (IOException ex) {
			if (tracked.isOpen()) {
				throw ex;
			}
			// The connection is already gone (a client that stopped reading hits the send
			// timeout this way): its close is logged with 1006; there is nobody to tell.
			logger.debug("Send to " + tracked.getId() + " failed after its connection closed: " + ex);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		// A client that vanishes is ordinary (its close is logged as 1006); anything else
		// is not.
		if (exception instanceof IOException) {
			logger.debug("Transport error on " + session.getId() + ": " + exception);
		}
		else {
			logger.warn("Transport error on " + session.getId(), exception);
		}
		super.handleTransportError(tracked(session), exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		TrackedSession tracked = tracked(session);
		try {
			this.sessions.remove(tracked, closeStatus);
		}
		finally {
			// After the registry lets go of it, so that open connections never outnumber
			// slots.
			ConnectionSlots.Slot slot = ConnectionSlots.of(session);
			if (slot != null) {
				slot.release();
			}
		}
		// A normal close (1000, 1001) is routine and logged at DEBUG; any other at INFO.
		boolean routine = ROUTINE_CLOSES.contains(closeStatus.getCode());
		if (!routine || logger.isDebugEnabled()) {
			String line = "Closed " + this.endpoint + " " + session.getId() + " code=" + closeStatus.getCode()
					+ ((closeStatus.getReason() != null) ? " reason=" + closeStatus.getReason() : "");
			if (routine) {
				logger.debug(line);
			}
			else {
				logger.info(line);
			}
		}
		super.afterConnectionClosed(tracked, closeStatus);
	}

	private static TrackedSession tracked(WebSocketSession session) {
		// Put there on connection, before any message is handled.
		return (TrackedSession) Objects.requireNonNull(session.getAttributes().get(TRACKED));
	}

}
