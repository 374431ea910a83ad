package dev.wsecho.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.wsecho.slowclient.ConnectionDropper;
import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.transport.NonBlockingHandler;

/**
 * An echo that also obeys commands, for testing clients: on connect it describes the
 * handshake; a text message that is a JSON object with a string {@code "command"} is a
 * command, anything else comes back unchanged.
 *
 * <p>
 * Replies that come later (delay, stream, burst, pong) are sent from other threads
 * through {@link LabSession#out()}, which serialises sends; a client that reads too
 * slowly for its limits is closed with 1013 by {@link SlowClients}. A bad command gets an
 * {@code error} reply and the connection stays open. Nothing here blocks the thread that
 * delivers messages (commands only schedule work, sends through {@code out()} are
 * buffered while another thread sends), so it is a {@link NonBlockingHandler}.
 */
class LabWebSocketHandler extends AbstractWebSocketHandler implements NonBlockingHandler {

	private static final Log logger = LogFactory.getLog(LabWebSocketHandler.class);

	private static final String LAB_SESSION = LabWebSocketHandler.class.getName() + ".session";

	private final LabCommandParser parser;

	private final JsonMapper json;

	private final LabWork work;

	private final String instanceId;

	private final SlowClients slowClients;

	/**
	 * @param instanceId told apart in the {@code welcome}, so that a client behind a load
	 * balancer sees which instance answered
	 */
	LabWebSocketHandler(JsonMapper json, LabWork work, String instanceId, SlowClients slowClients) {
		this.json = json;
		this.parser = new LabCommandParser(json, work.properties());
		this.work = work;
		this.instanceId = instanceId;
		this.slowClients = slowClients;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		int limit = (int) Math.min(this.work.properties().maxMessageSize().toBytes(), Integer.MAX_VALUE);
		session.setTextMessageSizeLimit(limit);
		session.setBinaryMessageSizeLimit(limit);
		LabSession lab = new LabSession(session, this.slowClients.outbound(session), this.work);
		session.getAttributes().put(LAB_SESSION, lab);
		send(lab, new LabReply.Welcome(HandshakeDescription.of(session, this.instanceId)));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		LabSession lab = lab(session);
		Optional<JsonNode> command = this.parser.commandIn(message.getPayload());
		if (command.isEmpty()) {
			echo(lab, message);
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Command " + session.getId() + " " + command.get());
		}
		try {
			run(lab, this.parser.parse(command.get()));
		}
		catch (InvalidCommandException ex) {
			send(lab, new LabReply.Problem(ex.getMessage()));
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		echo(lab(session), message);
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) throws Exception {
		long received = System.nanoTime();
		LabSession lab = lab(session);
		ByteBuffer buffer = message.getPayload();
		byte[] payload = new byte[buffer.remaining()];
		buffer.get(payload);
		OptionalLong sent = lab.pongReceived(payload);
		if (sent.isEmpty()) {
			return;
		}
		send(lab, new LabReply.Pong(new String(payload, StandardCharsets.UTF_8), (received - sent.getAsLong()) / 1000));
	}

	private void echo(LabSession lab, WebSocketMessage<?> message) throws IOException {
		if (logger.isDebugEnabled()) {
			logger.debug("Echo " + lab.raw().getId() + " " + message.getPayloadLength() + " bytes");
		}
		lab.out().sendMessage(message);
	}

	private void run(LabSession lab, LabCommand command) throws Exception {
		if (command instanceof LabCommand.Info) {
			send(lab, new LabReply.Info(HandshakeDescription.of(lab.raw(), this.instanceId)));
		}
		else if (command instanceof LabCommand.Close close) {
			logger.info("Closing " + lab.raw().getId() + " on request with " + close.code());
			lab.out().close(new CloseStatus(close.code(), close.reason()));
		}
		else if (command instanceof LabCommand.Drop) {
			drop(lab);
		}
		else if (command instanceof LabCommand.Delay delay) {
			delay(lab, delay);
		}
		else if (command instanceof LabCommand.Burst burst) {
			burst(lab, burst);
		}
		else if (command instanceof LabCommand.Ping ping) {
			byte[] payload = ping.payload().getBytes(StandardCharsets.UTF_8);
			lab.pingSent(payload, System.nanoTime());
			lab.out().sendMessage(new PingMessage(ByteBuffer.wrap(payload)));
		}
		else if (command instanceof LabCommand.Stream stream) {
			stream(lab, stream);
		}
		else if (command instanceof LabCommand.Stop) {
			stop(lab);
		}
		else {
			throw new IllegalStateException("Unhandled command " + command);
		}
	}

	private void drop(LabSession lab) throws Exception {
		logger.info("Dropping " + lab.raw().getId() + " without a close frame, on request");
		if (!ConnectionDropper.drop(lab.raw())) {
			send(lab, new LabReply.Problem("drop is not supported by this server's container"));
		}
	}

	private void delay(LabSession lab, LabCommand.Delay delay) throws IOException {
		TextMessage reply = new TextMessage(delay.message());
		if (!lab.delay(Duration.ofMillis(delay.millis()), () -> lab.out().sendMessage(reply))) {
			send(lab, new LabReply.Problem(
					"at most " + this.work.properties().maxPendingDelays() + " delays may be waiting"));
		}
	}

	private void burst(LabSession lab, LabCommand.Burst burst) throws IOException {
		Supplier<WebSocketMessage<?>> next;
		if (burst.binary()) {
			ByteBuffer bytes = BurstPayload.binary(burst.size());
			// A buffer of its own per send: sending may move a buffer's position.
			next = () -> new BinaryMessage(bytes.duplicate());
		}
		else {
			TextMessage text = new TextMessage(BurstPayload.text(burst.size()));
			next = () -> text;
		}
		TextMessage done = new TextMessage(this.json.writeValueAsString(new LabReply.BurstDone(burst.count())));
		try {
			lab.burst(() -> {
				for (int i = 0; i < burst.count(); i++) {
					if (Thread.currentThread().isInterrupted() || lab.isClosed()) {
						return;
					}
					lab.out().sendMessage(next.get());
				}
				lab.out().sendMessage(done);
			});
		}
		catch (RejectedExecutionException ex) {
			send(lab, new LabReply.Problem("too many bursts are running; try again later"));
		}
	}

	private void stream(LabSession lab, LabCommand.Stream command) throws Exception {
		TickStream stream = new TickStream(command.count(), new TickStream.Sender() {

			@Override
			public void tick(long seq) throws IOException {
				send(lab, new LabReply.Tick(seq, LabWebSocketHandler.this.work.clock().instant().toString()));
			}

			@Override
			public void done(long count, boolean stopped) throws IOException {
				send(lab, new LabReply.StreamDone(count, stopped));
			}

		}, lab.streamSends());
		lab.stream(stream, Duration.ofMillis(command.intervalMillis()));
	}

	private void stop(LabSession lab) throws Exception {
		if (!lab.stopStream()) {
			send(lab, new LabReply.Problem("no stream is running"));
		}
	}

	private void send(LabSession lab, LabReply message) throws IOException {
		lab.out().sendMessage(new TextMessage(this.json.writeValueAsString(message)));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		LabSession lab = (LabSession) session.getAttributes().get(LAB_SESSION);
		if (lab != null) {
			lab.out().release();
			lab.closed();
		}
	}

	private static LabSession lab(WebSocketSession session) {
		// Put there on connection, before any message is handled.
		return (LabSession) Objects.requireNonNull(session.getAttributes().get(LAB_SESSION));
	}

}
