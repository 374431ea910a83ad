package dev.wsecho.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Hands the frames of one connection to a Spring {@link WebSocketHandler}, one at a time:
 * as message parts when the handler takes them, else as whole messages up to the
 * session's limits.
 *
 * <p>
 * Text is checked as it arrives, so invalid UTF-8 closes the connection with 1007 and a
 * whole message over the limit with 1009 (RFC 6455 §7.4.1); pings are answered with
 * pongs, pongs go to the handler. A handler that throws closes the connection with 1011;
 * the failure is logged.
 */
final class FrameDispatcher implements FrameHandler {

	private static final Log logger = LogFactory.getLog(FrameDispatcher.class);

	static final CloseStatus INVALID_UTF8 = CloseStatus.BAD_DATA.withReason("Text message is not valid UTF-8");

	private final CoreWebSocketSession session;

	private final WebSocketHandler handler;

	private final boolean partial;

	private final Utf8Text text = new Utf8Text();

	/** Type of the incoming message in progress, or -1 between messages. */
	private byte incoming = -1;

	/** Whether the message in progress has had parts before this frame. */
	private boolean continued;

	/** The message so far, for a handler that takes whole messages. */
	private @Nullable StringBuilder wholeText;

	private @Nullable ByteArrayOutputStream wholeBinary;

	private long wholeBytes;

	private boolean notifiedClosed;

	FrameDispatcher(CoreWebSocketSession session, WebSocketHandler handler) {
		this.session = session;
		this.handler = handler;
		this.partial = handler.supportsPartialMessages();
	}

	@Override
	public void onOpen(CoreSession coreSession, Callback callback) {
		this.session.opened(coreSession);
		try {
			this.handler.afterConnectionEstablished(this.session);
		}
		catch (Throwable ex) {
			failed("afterConnectionEstablished", ex);
		}
		callback.succeeded();
		this.session.demand();
	}

	@Override
	public void onFrame(Frame frame, Callback callback) {
		byte opcode = frame.getOpCode();
		switch (opcode) {
			case OpCode.TEXT, OpCode.BINARY -> {
				this.incoming = opcode;
				this.continued = false;
				this.wholeBytes = 0;
				this.wholeText = null;
				this.wholeBinary = null;
				this.text.reset();
				data(frame, callback);
			}
			case OpCode.CONTINUATION -> data(frame, callback);
			case OpCode.PING -> {
				this.session.pong(frame.getPayload());
				this.session.handled(callback, frame.getPayloadLength());
			}
			case OpCode.PONG -> {
				deliver(new PongMessage(copy(frame.getPayload())));
				this.session.handled(callback, frame.getPayloadLength());
			}
			case OpCode.CLOSE -> {
				// Jetty answers a close with the client's code once the frame is
				// released, and then calls onClosed; a close without a code gets a normal
				// one (1000).
				if (frame.getPayloadLength() == 0 && this.session.isOpen()) {
					close(CloseStatus.NORMAL);
				}
				callback.succeeded();
			}
			default -> callback.succeeded();
		}
	}

	private void data(Frame frame, Callback callback) {
		boolean last = frame.isFin();
		int bytes = frame.getPayloadLength();
		if (this.session.isOpen()) {
			// Once closing (on a limit, say), what the client still sends is read and let
			// go.
			WebSocketMessage<?> message = (this.incoming == OpCode.TEXT) ? text(frame.getPayload(), last)
					: binary(frame.getPayload(), last);
			if (message != null) {
				deliver(message);
			}
		}
		this.continued = !last;
		if (last) {
			this.incoming = -1;
		}
		this.session.handled(callback, bytes);
	}

	private @Nullable WebSocketMessage<?> text(ByteBuffer payload, boolean last) {
		boolean whole = last && !this.continued;
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		if (whole && Utf8Text.isValid(bytes)) {
			if (this.partial || withinLimit(bytes.length, this.session.getTextMessageSizeLimit())) {
				// Kept as bytes: sending it back costs no encoding.
				return new TextMessage(bytes);
			}
			return null;
		}
		String decoded = this.text.decode(bytes, last);
		if (decoded == null) {
			close(INVALID_UTF8);
			return null;
		}
		if (this.partial) {
			return new TextMessage(decoded, last);
		}
		if (!withinLimit(bytes.length, this.session.getTextMessageSizeLimit())) {
			return null;
		}
		if (this.wholeText == null) {
			this.wholeText = new StringBuilder();
		}
		this.wholeText.append(decoded);
		if (!last) {
			return null;
		}
		String message = this.wholeText.toString();
		this.wholeText = null;
		return new TextMessage(message);
	}

	private @Nullable WebSocketMessage<?> binary(ByteBuffer payload, boolean last) {
		if (this.partial) {
			// The frame's own bytes, no copy: the frame is released only once the handler
			// is done and what it sent has been written.
			return new BinaryMessage(payload, last);
		}
		int size = payload.remaining();
		if (!withinLimit(size, this.session.getBinaryMessageSizeLimit())) {
			return null;
		}
		if (last && !this.continued) {
			return new BinaryMessage(copy(payload));
		}
		if (this.wholeBinary == null) {
			this.wholeBinary = new ByteArrayOutputStream(Math.max(size, 256));
		}
		byte[] bytes = new byte[size];
		payload.get(bytes);
		this.wholeBinary.writeBytes(bytes);
		if (!last) {
			return null;
		}
		byte[] message = this.wholeBinary.toByteArray();
		this.wholeBinary = null;
		return new BinaryMessage(message);
	}

	/**
	 * Counts a part of a whole message against the limit; closes with 1009 when it goes
	 * over.
	 */
	private boolean withinLimit(int partBytes, int limit) {
		this.wholeBytes += partBytes;
		if (this.wholeBytes <= limit) {
			return true;
		}
		close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message exceeds the limit of " + limit + " bytes"));
		this.wholeText = null;
		this.wholeBinary = null;
		return false;
	}

	private void deliver(WebSocketMessage<?> message) {
		try {
			this.handler.handleMessage(this.session, message);
		}
		catch (Throwable ex) {
			failed("handleMessage", ex);
		}
	}

	@Override
	public void onError(Throwable cause, Callback callback) {
		try {
			this.handler.handleTransportError(this.session, cause);
		}
		catch (Throwable ex) {
			failed("handleTransportError", ex);
		}
		callback.succeeded();
	}

	@Override
	public void onClosed(org.eclipse.jetty.websocket.core.CloseStatus closeStatus, Callback callback) {
		this.session.closed();
		if (!this.notifiedClosed) {
			this.notifiedClosed = true;
			try {
				this.handler.afterConnectionClosed(this.session,
						new CloseStatus(closeStatus.getCode(), closeStatus.getReason()));
			}
			catch (Throwable ex) {
				logger.error("afterConnectionClosed failed for " + this.session.getId(), ex);
			}
		}
		callback.succeeded();
	}

	/** An exception the handler let out: logged, and the connection closed with 1011. */
	private void failed(String method, Throwable ex) {
		logger.error(method + " failed for " + this.session.getId() + "; closing it with 1011", ex);
		close(CloseStatus.SERVER_ERROR);
	}

	private void close(CloseStatus status) {
		try {
			this.session.close(status);
		}
		catch (Exception ex) {
			logger.debug("Close of " + this.session.getId() + " failed: " + ex);
		}
	}

	private static ByteBuffer copy(ByteBuffer payload) {
		ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
		copy.put(payload.duplicate()).flip();
		return copy;
	}

}
