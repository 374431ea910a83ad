package dev.wsecho.chat.redis;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.wsecho.chat.ChatEvent;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerEventsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final BrokerEvents events = new BrokerEvents(this.json);

	@Test
	void buildsAMessageThatReadsBackWithTheIdRedisPutsBetween() {
		Instant ts = Instant.parse("2026-11-25T19:04:12.614Z");
		String text = BrokerEvents.MESSAGE_START + 42 + this.events.messageRest("ann", "say \"hi\" ✓", ts);
		assertThat(text).as("what the memory room sends (ChatJson), byte for byte")
			.isEqualTo("{\"type\":\"chat\",\"id\":42,\"from\":\"ann\",\"message\":\"say \\\"hi\\\" ✓\","
					+ "\"ts\":\"2026-11-25T19:04:12.614Z\"}");
		assertThat(BrokerEvents.decode(this.events.read(text)))
			.isEqualTo(new ChatEvent.Message(42, "ann", "say \"hi\" ✓", ts));
	}

	@Test
	void readsAnEmptyMembersListThatLuaEncodedAsAnObject() {
		assertThat(BrokerEvents.decode(this.events.read("{\"type\":\"leave\",\"name\":\"ann\",\"members\":{}}")))
			.isEqualTo(new ChatEvent.Left("ann", List.of()));
	}

	@Test
	void readsJoinsAndRenamesAndIgnoresProbes() {
		assertThat(BrokerEvents
			.decode(this.events.read("{\"members\":[\"bob\",\"ann\"],\"name\":\"ann\",\"type\":\"join\"}")))
			.isEqualTo(new ChatEvent.Joined("ann", List.of("bob", "ann")));
		assertThat(BrokerEvents
			.decode(this.events.read("{\"type\":\"nick\",\"from\":\"ann\",\"name\":\"anna\",\"members\":[\"anna\"]}")))
			.isEqualTo(new ChatEvent.Renamed("ann", "anna", List.of("anna")));
		assertThat(BrokerEvents.decode(this.events.read("{\"type\":\"probe\",\"instance\":\"x\"}"))).isNull();
	}

}
