package dev.wsecho.chat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;

import dev.wsecho.slowclient.SlowClientProperties;
import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class ChatWebSocketHandlerTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private static final int MAX_MESSAGE_BYTES = 64;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ChatProperties properties = new ChatProperties(1000, 50, DataSize.ofBytes(MAX_MESSAGE_BYTES), 20, 40,
			ChatProperties.Broker.MEMORY, Duration.ofSeconds(1), Duration.ofSeconds(10), "wsecho:chat:");

	private final SlowClients slowClients = new SlowClients(
			new SlowClientProperties(20, DataSize.ofMegabytes(1), Duration.ofHours(1), Duration.ofSeconds(20)));

	private final FakeRoom room = new FakeRoom();

	private final ChatWebSocketHandler handler = new ChatWebSocketHandler(this.room, this.json, this.properties,
			this.slowClients);

	@AfterEach
	void stopTheWatch() {
		this.slowClients.destroy();
	}

	@Test
	void v1ClientJoinsUnderTheNameItAskedForWithoutHistory() throws Exception {
		ChatSession session = new ChatSession("?name=ann%20lee&since=7", PreferV2HandshakeHandler.CHAT);

		this.handler.afterConnectionEstablished(session);

		assertThat(this.room.joins).containsExactly(new Join("ann lee", Replay.none()));
		assertThat(session.texts()).isEmpty();
		assertThat(session.isOpen()).isTrue();
	}

	@Test
	void clientOfferingNoSubprotocolSpeaksV1() throws Exception {
		ChatSession session = new ChatSession("", null);

		this.handler.afterConnectionEstablished(session);

		assertThat(this.room.joins).containsExactly(new Join(null, Replay.none()));
	}

	@Test
	void v2ClientAsksForTheLatestHistory() throws Exception {
		this.handler.afterConnectionEstablished(new ChatSession("?name=ann", PreferV2HandshakeHandler.V2));

		assertThat(this.room.joins).containsExactly(new Join("ann", Replay.recent(50)));
	}

	@Test
	void v2ClientWithSinceAsksForExactlyWhatItMissed() throws Exception {
		this.handler.afterConnectionEstablished(new ChatSession("?since=7", PreferV2HandshakeHandler.V2));

		assertThat(this.room.joins).containsExactly(new Join(null, Replay.since(7)));
	}

	@Test
	void v2ClientWithASinceThatIsNoIdGetsAnErrorAndTheLatestHistory() throws Exception {
		ChatSession session = new ChatSession("?since=yesterday", PreferV2HandshakeHandler.V2);

		this.handler.afterConnectionEstablished(session);

		assertThat(session.texts()).containsExactly(error("since must be a message id; here are the latest messages"));
		assertThat(this.room.joins).containsExactly(new Join(null, Replay.recent(50)));
		assertThat(session.isOpen()).isTrue();
	}

	@Test
	void v2ClientReceivesTheHistoryFirstThenItsOwnJoin() throws Exception {
		InMemoryChatRoom realRoom = new InMemoryChatRoom(Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC), 10, 20);
		ChatWebSocketHandler handler = new ChatWebSocketHandler(realRoom, this.json, this.properties, this.slowClients);
		ChatSession ann = new ChatSession("?name=ann", PreferV2HandshakeHandler.CHAT);
		handler.afterConnectionEstablished(ann);
		handler.handleMessage(ann, new TextMessage("{\"type\":\"chat\",\"message\":\"one\"}"));
		ChatSession bob = new ChatSession("?name=bob", PreferV2HandshakeHandler.V2);

		handler.afterConnectionEstablished(bob);

		assertThat(bob.texts()).containsExactly(
				"{\"type\":\"history\",\"messages\":[{\"type\":\"chat\",\"id\":1,"
						+ "\"from\":\"ann\",\"message\":\"one\",\"ts\":\"2026-11-25T12:00:00Z\"}],\"complete\":true}",
				"{\"type\":\"join\",\"name\":\"bob\",\"members\":[\"ann\",\"bob\"]}");
		assertThat(ann.texts()).containsExactly("{\"type\":\"join\",\"name\":\"ann\",\"members\":[\"ann\"]}",
				"{\"type\":\"chat\",\"id\":1,\"from\":\"ann\",\"message\":\"one\",\"ts\":\"2026-11-25T12:00:00Z\"}",
				"{\"type\":\"join\",\"name\":\"bob\",\"members\":[\"ann\",\"bob\"]}");
	}

	@Test
	void nameThatCannotBeANameGetsAnErrorAndAGuestName() throws Exception {
		ChatSession session = new ChatSession("?name=" + "a".repeat(33), PreferV2HandshakeHandler.CHAT);

		this.handler.afterConnectionEstablished(session);

		assertThat(session.texts()).containsExactly(error("A name has 1 to 32 characters; you got a guest name"));
		assertThat(this.room.joins).containsExactly(new Join(null, Replay.none()));
		assertThat(session.isOpen()).isTrue();
	}

	@Test
	void whatAMemberSaysGoesToTheRoom() throws Exception {
		ChatSession session = joined("ann");

		this.handler.handleMessage(session, new TextMessage("{\"type\":\"chat\",\"message\":\"Hello\"}"));

		assertThat(this.room.said).containsExactly("ann: Hello");
		assertThat(session.texts()).as("the room, not the handler, echoes it").isEmpty();
	}

	@Test
	void roomEventsReachTheMemberAsJson() throws Exception {
		ChatSession session = joined("ann");
		ChatListener listener = this.room.listener();

		listener.onEvent(new ChatEvent.Joined("bob", List.of("ann", "bob")));
		listener.onEvent(new ChatEvent.Message(7, "bob", "Hi \"ann\"", NOW));
		listener.onEvent(new ChatEvent.Renamed("bob", "rob", List.of("ann", "rob")));
		listener.onEvent(new ChatEvent.Left("rob", List.of("ann")));

		assertThat(session.texts()).containsExactly(
				"{\"type\":\"join\",\"name\":\"bob\",\"members\":[\"ann\",\"bob\"]}",
				"{\"type\":\"chat\",\"id\":7,\"from\":\"bob\",\"message\":\"Hi \\\"ann\\\"\","
						+ "\"ts\":\"2026-11-25T12:00:00Z\"}",
				"{\"type\":\"nick\",\"from\":\"bob\",\"name\":\"rob\",\"members\":[\"ann\",\"rob\"]}",
				"{\"type\":\"leave\",\"name\":\"rob\",\"members\":[\"ann\"]}");
	}

	@Test
	void nickRenamesTheMember() throws Exception {
		ChatSession session = joined("ann");

		this.handler.handleMessage(session, new TextMessage("{\"type\":\"nick\",\"name\":\" anna \"}"));

		assertThat(this.room.renames).containsExactly("ann -> anna");
		assertThat(session.texts()).isEmpty();
	}

	@Test
	void nickToANameInUseGetsAnErrorAndKeepsTheConnection() throws Exception {
		ChatSession session = joined("ann");
		this.room.taken.add("bob");

		this.handler.handleMessage(session, new TextMessage("{\"type\":\"nick\",\"name\":\"bob\"}"));

		assertThat(session.texts()).containsExactly(error("The name bob is taken"));
		assertThat(this.room.renames).isEmpty();
		assertThat(session.isOpen()).isTrue();
	}

	static Stream<Arguments> badMessages() {
		return Stream.of(Arguments.of("{\"type\":", "Not valid JSON; send {\"type\":\"chat\",\"message\":\"…\"}"),
				Arguments.of("[1,2]", "Send a JSON object with a string \"type\""),
				Arguments.of("{\"type\":\"shout\",\"message\":\"Hi\"}", "Unknown type \"shout\"; known: chat, nick"),
				Arguments.of("{\"type\":\"chat\",\"message\":\" \"}", "A chat needs a non-empty string \"message\""),
				Arguments.of("{\"type\":\"nick\",\"name\":\"" + "n".repeat(33) + "\"}",
						"A name has 1 to 32 characters"));
	}

	@ParameterizedTest
	@MethodSource("badMessages")
	void badMessageGetsAnErrorAndLosesNothing(String message, String expectedError) throws Exception {
		ChatSession session = joined("ann");

		this.handler.handleMessage(session, new TextMessage(message));
		this.handler.handleMessage(session, new TextMessage("{\"type\":\"chat\",\"message\":\"still here\"}"));

		assertThat(session.texts()).containsExactly(error(expectedError));
		assertThat(session.isOpen()).isTrue();
		assertThat(this.room.said).containsExactly("ann: still here");
		assertThat(this.room.renames).isEmpty();
	}

	@Test
	void binaryMessageGetsAnErrorAndKeepsTheConnection() throws Exception {
		ChatSession session = joined("ann");

		this.handler.handleMessage(session, new BinaryMessage(new byte[] { 1, 2, 3 }));

		assertThat(session.texts()).containsExactly(error("Binary messages are not part of the chat; send JSON text"));
		assertThat(session.isOpen()).isTrue();
	}

	@Test
	void messageOfExactlyMaxMessageSizeIsSaid() throws Exception {
		ChatSession session = joined("ann");
		String message = chat("x".repeat(MAX_MESSAGE_BYTES - chat("").length()));

		this.handler.handleMessage(session, new TextMessage(message));

		assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_MESSAGE_BYTES);
		assertThat(this.room.said).hasSize(1);
		assertThat(session.texts()).isEmpty();
	}

	@Test
	void messageOverMaxMessageSizeInUtf8BytesGetsAnErrorAndTheNextMessageIsHeard() throws Exception {
		ChatSession session = joined("ann");
		// Fewer characters than the limit, more bytes: the limit counts UTF-8 bytes.
		String tooBig = chat("é".repeat(MAX_MESSAGE_BYTES - chat("").length()));

		this.handler.handleMessage(session, new TextMessage(tooBig.substring(0, 20), false));
		this.handler.handleMessage(session, new TextMessage(tooBig.substring(20), true));
		this.handler.handleMessage(session, new TextMessage(chat("short"), false));
		this.handler.handleMessage(session, new TextMessage("", true));

		assertThat(tooBig.length()).isLessThanOrEqualTo(MAX_MESSAGE_BYTES);
		assertThat(session.texts()).containsExactly(error("Message too big: the limit is 64 bytes"));
		assertThat(session.isOpen()).isTrue();
		assertThat(this.room.said).containsExactly("ann: short");
	}

	@Test
	void roomUnavailableAtJoinRefusesWithAnErrorAnd1013() throws Exception {
		ChatSession session = new ChatSession("?name=ann", PreferV2HandshakeHandler.V2);
		this.room.failure = new ChatUnavailableException();

		this.handler.afterConnectionEstablished(session);

		assertThat(session.texts()).containsExactly(error(ChatUnavailableException.MESSAGE));
		assertThat(session.closes).containsExactly(ChatWebSocketHandler.UNAVAILABLE);
		assertThat(session.closes.get(0).getCode()).isEqualTo(1013);
		assertThat(session.closes.get(0).getReason())
			.isEqualTo("Chat unavailable: its broker cannot be reached; try again later");
		this.handler.afterConnectionClosed(session, ChatWebSocketHandler.UNAVAILABLE);
	}

	@Test
	void roomUnavailableWhenSayingGetsAnErrorAndKeepsTheConnection() throws Exception {
		ChatSession session = joined("ann");
		this.room.failure = new ChatUnavailableException();

		this.handler.handleMessage(session, new TextMessage(chat("Hello")));

		assertThat(session.texts()).containsExactly(error(ChatUnavailableException.MESSAGE));
		assertThat(session.isOpen()).isTrue();
	}

	@Test
	void roomBecomingUnavailableClosesTheMemberWithAnErrorAnd1013() throws Exception {
		ChatSession session = joined("ann");

		this.room.listener().onUnavailable(ChatUnavailableException.MESSAGE);

		assertThat(session.texts()).containsExactly(error(ChatUnavailableException.MESSAGE));
		assertThat(session.closes).containsExactly(ChatWebSocketHandler.UNAVAILABLE);
	}

	@Test
	void memberWhoseEventsOverflowIsClosedAsTooSlow() throws Exception {
		ChatSession session = joined("ann");

		this.room.listener().onOverflow();

		assertThat(session.closes).containsExactly(SlowClients.TOO_SLOW);
	}

	@Test
	void leavesTheRoomWhenTheConnectionCloses() throws Exception {
		ChatSession session = joined("ann");
		FakeRoom.FakeMembership membership = this.room.memberships.get(0);
		assertThat(membership.cancelled).isFalse();

		this.handler.afterConnectionClosed(session, CloseStatus.NORMAL);

		assertThat(membership.cancelled).isTrue();
	}

	@Test
	void unexpectedExceptionIsLetOutForTheContainerTo1011AndLog(CapturedOutput output) throws Exception {
		ChatSession session = joined("ann");
		this.room.failure = new IllegalStateException("room broke");

		assertThatIllegalStateException()
			.isThrownBy(() -> this.handler.handleMessage(session, new TextMessage(chat("Hello"))))
			.withMessage("room broke");
		assertThat(session.texts()).as("nothing swallowed into an error reply").isEmpty();

		// How Spring's handler chain in front of every endpoint treats what the handler
		// lets out.
		WebSocketHandler decorated = new ExceptionWebSocketHandlerDecorator(this.handler);
		decorated.handleMessage(session, new TextMessage(chat("Hello")));
		assertThat(session.closes).containsExactly(CloseStatus.SERVER_ERROR);
		assertThat(output).contains("room broke");
	}

	private ChatSession joined(String name) throws Exception {
		ChatSession session = new ChatSession("?name=" + name, PreferV2HandshakeHandler.CHAT);
		this.handler.afterConnectionEstablished(session);
		assertThat(this.room.memberships).isNotEmpty();
		return session;
	}

	private static String chat(String message) {
		return "{\"type\":\"chat\",\"message\":\"" + message + "\"}";
	}

	private String error(String message) {
		return this.json.writeValueAsString(ChatJson.error(message));
	}

	/**
	 * A chat client's session: its handshake URI and the subprotocol the server selected.
	 */
	private static final class ChatSession extends RecordingWebSocketSession {

		ChatSession(String query, String protocol) {
			super("test-1", URI.create("ws://localhost/ws/chat" + query), protocol);
		}

		List<String> texts() {
			return this.sent.stream().map((message) -> ((TextMessage) message).getPayload()).toList();
		}

	}

	record Join(String wanted, Replay replay) {
	}

	/**
	 * Records joins, says, renames and leaves; a test pushes events through
	 * {@link #listener()}.
	 */
	private static final class FakeRoom implements ChatRoom {

		final List<Join> joins = new ArrayList<>();

		final List<ChatListener> listeners = new ArrayList<>();

		final List<FakeMembership> memberships = new ArrayList<>();

		final List<String> said = new ArrayList<>();

		final List<String> renames = new ArrayList<>();

		final Set<String> taken = new HashSet<>();

		/** Thrown by every call but cancelling, once set. */
		RuntimeException failure;

		ChatListener listener() {
			return this.listeners.get(this.listeners.size() - 1);
		}

		@Override
		public Membership join(String wanted, Replay replay, ChatListener listener) {
			failIfSet();
			this.joins.add(new Join(wanted, replay));
			this.listeners.add(listener);
			FakeMembership membership = new FakeMembership((wanted != null) ? wanted : "guest-1");
			this.memberships.add(membership);
			return membership;
		}

		@Override
		public Subscription watch(Replay replay, ChatListener listener) {
			throw new UnsupportedOperationException("the WebSocket handler only joins");
		}

		@Override
		public List<String> members() {
			return this.memberships.stream().filter((member) -> !member.cancelled).map(FakeMembership::name).toList();
		}

		private void failIfSet() {
			if (this.failure != null) {
				throw this.failure;
			}
		}

		final class FakeMembership implements Membership {

			private String name;

			boolean cancelled;

			FakeMembership(String name) {
				this.name = name;
			}

			@Override
			public String name() {
				return this.name;
			}

			@Override
			public Optional<ChatEvent.Message> say(String message) {
				failIfSet();
				FakeRoom.this.said.add(this.name + ": " + message);
				return Optional.of(new ChatEvent.Message(FakeRoom.this.said.size(), this.name, message, NOW));
			}

			@Override
			public boolean rename(String name) {
				failIfSet();
				if (FakeRoom.this.taken.contains(name)) {
					return false;
				}
				FakeRoom.this.renames.add(this.name + " -> " + name);
				this.name = name;
				return true;
			}

			@Override
			public void cancel() {
				this.cancelled = true;
			}

		}

	}

}
