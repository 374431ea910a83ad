package dev.wsecho.chat.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wsecho.chat.ChatEvent;

import static org.assertj.core.api.Assertions.assertThat;

class JoinGateTests {

	private static final Instant TS = Instant.parse("2026-12-03T04:00:00Z");

	private final List<ChatEvent> out = new ArrayList<>();

	private static ChatEvent.Message message(long id) {
		return new ChatEvent.Message(id, "bob", "m" + id, TS);
	}

	private static ChatEvent.Joined joined(String name) {
		return new ChatEvent.Joined(name, List.of(name));
	}

	@Test
	void aMemberReceivesNothingBeforeItsHistoryIsReadAndItsOwnJoinHasComeBack() {
		JoinGate gate = new JoinGate(this.out::add, true);
		gate.accept(message(5));
		gate.start(null, 4);
		gate.joinedAs("ann");
		assertThat(this.out).as("its own join has not come back").isEmpty();

		gate.accept(joined("ann"));

		assertThat(this.out).containsExactly(joined("ann"), message(5));
	}

	@Test
	void aMemberReceivesItsOwnJoinFirstThenWhatWasSaidMeanwhileButNotTheJoinsBeforeItsOwn() {
		JoinGate gate = new JoinGate(this.out::add, true);
		gate.accept(joined("cy"));
		gate.accept(message(7));
		gate.accept(joined("ann"));
		gate.accept(message(8));
		gate.joinedAs("ann");
		gate.start(new ChatEvent.History(List.of(message(6)), true), 6);

		assertThat(this.out).as("cy's join is in the members list ann's join carries")
			.containsExactly(new ChatEvent.History(List.of(message(6)), true), joined("ann"), message(7), message(8));

		gate.accept(joined("dee"));
		assertThat(this.out).endsWith(joined("dee"));
	}

	@Test
	void aWatcherWaitsForItsHistoryOnly() {
		JoinGate gate = new JoinGate(this.out::add, false);
		gate.accept(joined("ann"));
		gate.accept(message(3));
		assertThat(this.out).isEmpty();

		gate.start(null, 2);

		assertThat(this.out).containsExactly(joined("ann"), message(3));
	}

	@Test
	void givesNoMessageTwiceThatTheHistoryAlreadyHeld() {
		JoinGate gate = new JoinGate(this.out::add, false);
		gate.accept(message(4));
		gate.accept(message(5));
		gate.start(new ChatEvent.History(List.of(message(4)), true), 4);
		gate.accept(message(5));
		gate.accept(message(6));

		assertThat(this.out).containsExactly(new ChatEvent.History(List.of(message(4)), true), message(5), message(6));
	}

}
