package dev.wsecho.echo;

import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.wsecho.transport.NonBlockingHandler;
import dev.wsecho.transport.Utf8Text;

/**
 * Sends every message back to its sender unchanged: text as text, binary as binary, in
 * order.
 *
 * <p>
 * Messages are streamed: each part is echoed as it arrives, so memory per connection
 * stays at the container's read buffer whatever the message size, and the size limit is a
 * policy rather than a buffer. It never blocks, so its connections are read on the
 * selector thread. Close codes follow RFC 6455 §7.4.1: a message over the limit closes
 * with 1009 (too big); anything unexpected propagates and Spring's decorator closes with
 * 1011.
 */
class EchoWebSocketHandler extends AbstractWebSocketHandler implements NonBlockingHandler {

	private static final Log logger = LogFactory.getLog(EchoWebSocketHandler.class);

	private static final String MESSAGE_SIZE = EchoWebSocketHandler.class.getName() + ".messageSize";

	private final long maxMessageSize;

	private final CloseStatus tooBig;

	EchoWebSocketHandler(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize.toBytes();
		this.tooBig = CloseStatus.TOO_BIG_TO_PROCESS
			.withReason("Message exceeds the limit of " + this.maxMessageSize + " bytes");
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		session.getAttributes().put(MESSAGE_SIZE, new MessageSize());
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		echo(session, message, Utf8Text.length(message.getPayload()), message.isLast());
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		echo(session, message, message.getPayloadLength(), message.isLast());
	}

	private void echo(WebSocketSession session, WebSocketMessage<?> part, int partBytes, boolean last)
			throws Exception {
		// Put there on connection, before any message is handled.
		MessageSize size = (MessageSize) Objects.requireNonNull(session.getAttributes().get(MESSAGE_SIZE));
		if (!size.add(partBytes, this.maxMessageSize)) {
			logger.info("Closing " + session.getId() + ": message over " + this.maxMessageSize + " bytes");
			session.close(this.tooBig);
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Echo " + session.getId() + " " + partBytes + " bytes" + (last ? "" : " (part)"));
		}
		session.sendMessage(part);
		if (last) {
			size.reset();
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	/** Bytes received so far of the message in progress on one connection. */
	private static final class MessageSize {

		private long bytes;

		boolean add(int partBytes, long limit) {
			this.bytes += partBytes;
			return this.bytes <= limit;
		}

		void reset() {
			this.bytes = 0;
		}

	}

}
