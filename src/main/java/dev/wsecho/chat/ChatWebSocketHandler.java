package dev.wsecho.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import dev.wsecho.slowclient.OutboundSession;
import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.transport.Utf8Text;

/**
 * Puts each connection in the {@link ChatRoom}: what a client says is published, and
 * every room event is sent to it as JSON. With the {@code v2} subprotocol a client first
 * receives the history ({@code ?since=<id>} for exactly what it missed).
 *
 * <p>
 * A bad message gets an {@code error} reply and loses the connection nothing; a client
 * that reads too slowly (its events waiting, or a send over the time or buffer limit) is
 * closed by {@link SlowClients} with 1013 (one over its rate limit,
 * {@code wsecho.chat.rate-limit}, with 1008 by the guards in front of every endpoint).
 * While the room's broker cannot be reached, what a member says gets an {@code error}
 * reply, and members are closed (and new ones refused) with an {@code error} and 1013.
 */
class ChatWebSocketHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(ChatWebSocketHandler.class);

	private static final String CONNECTION = ChatWebSocketHandler.class.getName() + ".connection";

	static final CloseStatus UNAVAILABLE = CloseStatus.SERVICE_OVERLOAD
		.withReason("Chat unavailable: its broker cannot be reached; try again later");

	private final ChatRoom room;

	private final JsonMapper json;

	private final ChatProperties properties;

	private final SlowClients slowClients;

	ChatWebSocketHandler(ChatRoom room, JsonMapper json, ChatProperties properties, SlowClients slowClients) {
		this.room = room;
		this.json = json;
		this.properties = properties;
		this.slowClients = slowClients;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		ChatConnection connection = new ChatConnection(session);
		session.getAttributes().put(CONNECTION, connection);
		MultiValueMap<String, String> query = (session.getUri() != null)
				? UriComponentsBuilder.fromUri(session.getUri()).build().getQueryParams() : new LinkedMultiValueMap<>();
		String wanted = decoded(query.getFirst("name"));
		String nameProblem = (wanted != null) ? ChatRequest.nameProblem(wanted) : null;
		if (nameProblem != null) {
			connection.send(ChatJson.error(nameProblem + "; you got a guest name"));
			wanted = null;
		}
		Replay replay = Replay.none();
		if (PreferV2HandshakeHandler.V2.equals(session.getAcceptedProtocol())) {
			replay = Replay.recent(this.properties.historyReplay());
			String since = decoded(query.getFirst("since"));
			if (since != null) {
				try {
					replay = Replay.since(Long.parseLong(since));
				}
				catch (NumberFormatException ex) {
					connection.send(ChatJson.error("since must be a message id; here are the latest messages"));
				}
			}
		}
		try {
			connection.membership = this.room.join((wanted != null) ? wanted.strip() : null, replay, connection);
		}
		catch (ChatUnavailableException ex) {
			logger.info("Refusing " + session.getId() + ": " + ex.getMessage());
			connection.send(ChatJson.error(ex.getMessage()));
			session.close(UNAVAILABLE);
			return;
		}
		logger.info("Joined " + session.getId() + " as " + connection.membership.name());
	}

	private static @Nullable String decoded(@Nullable String value) {
		return (value != null) ? UriUtils.decode(value, StandardCharsets.UTF_8) : null;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage part) throws Exception {
		ChatConnection connection = connection(session);
		String text = connection.collect(part.getPayload(), part.isLast());
		if (!part.isLast() || !session.isOpen()) {
			return;
		}
		if (text == null) {
			connection.send(ChatJson
				.error("Message too big: the limit is " + this.properties.maxMessageSize().toBytes() + " bytes"));
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Message " + session.getId() + " " + text.length() + " chars");
		}
		try {
			ChatRequest request = ChatRequest.parse(this.json, text);
			if (request instanceof ChatRequest.Say say) {
				connection.membership().say(say.message());
			}
			else if (request instanceof ChatRequest.Nick nick && !connection.membership().rename(nick.name())) {
				connection.send(ChatJson.error("The name " + nick.name() + " is taken"));
			}
		}
		// Two catches, not one: each of these exceptions promises a message, their common
		// supertype does not.
		catch (InvalidChatRequestException ex) {
			connection.send(ChatJson.error(ex.getMessage()));
		}
		catch (ChatUnavailableException ex) {
			connection.send(ChatJson.error(ex.getMessage()));
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage part) throws Exception {
		ChatConnection connection = connection(session);
		if (part.isLast()) {
			connection.send(ChatJson.error("Binary messages are not part of the chat; send JSON text"));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
		if (connection == null) {
			return;
		}
		connection.out.release();
		if (connection.membership != null) {
			connection.membership.cancel();
		}
	}

	/**
	 * Messages arrive in parts so that an oversized one costs no memory before it is
	 * refused.
	 */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	private static ChatConnection connection(WebSocketSession session) {
		// Put there on connection, before any message is handled.
		return (ChatConnection) Objects.requireNonNull(session.getAttributes().get(CONNECTION));
	}

	/** One client: its place in the room, the message it is sending in parts. */
	private final class ChatConnection implements ChatListener {

		private final WebSocketSession raw;

		private final OutboundSession out;

		private final StringBuilder message = new StringBuilder();

		private long messageBytes;

		/** Set on connection; {@code null} when joining failed. */
		private volatile ChatRoom.@Nullable Membership membership;

		ChatConnection(WebSocketSession raw) {
			this.raw = raw;
			this.out = ChatWebSocketHandler.this.slowClients.outbound(raw);
		}

		/**
		 * Its membership, there before any message is handled: a connection that could
		 * not join is closed at once.
		 */
		ChatRoom.Membership membership() {
			return Objects.requireNonNull(this.membership);
		}

		/**
		 * The whole message once its last part is in, or {@code null} when it is over the
		 * limit.
		 */
		@Nullable String collect(String part, boolean last) {
			this.messageBytes += Utf8Text.length(part);
			boolean tooBig = this.messageBytes > ChatWebSocketHandler.this.properties.maxMessageSize().toBytes();
			if (!tooBig) {
				this.message.append(part);
			}
			else {
				this.message.setLength(0);
			}
			if (!last) {
				return null;
			}
			String whole = tooBig ? null : this.message.toString();
			this.message.setLength(0);
			this.messageBytes = 0;
			return whole;
		}

		void send(Map<String, Object> message) throws IOException {
			this.out.sendMessage(new TextMessage(ChatWebSocketHandler.this.json.writeValueAsString(message)));
		}

		@Override
		public void onEvent(ChatEvent event) throws IOException {
			send(ChatJson.of(event));
		}

		@Override
		public void onUnavailable(String message) {
			logger.info("Closing " + this.raw.getId() + ": " + message);
			try {
				send(ChatJson.error(message));
				this.raw.close(UNAVAILABLE);
			}
			catch (IOException ex) {
				logger.debug("Close of " + this.raw.getId() + " failed: " + ex);
			}
		}

		@Override
		public void onOverflow() {
			this.out.closeTooSlow(
					"more than " + ChatWebSocketHandler.this.slowClients.properties().maxPending() + " events waiting");
		}

	}

}
