package dev.wsecho.chat.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wsecho.chat.ChatEvent;
import dev.wsecho.chat.ChatUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

class GapFillerTests {

	private static final Instant TS = Instant.parse("2026-12-03T05:00:00Z");

	private final List<ChatEvent> out = new ArrayList<>();

	private final List<Long> reads = new ArrayList<>();

	private List<ChatEvent.Message> kept = List.of();

	private boolean redisDown;

	private final GapFiller filler = new GapFiller((id) -> {
		this.reads.add(id);
		if (this.redisDown) {
			throw new ChatUnavailableException();
		}
		return this.kept.stream().filter((message) -> message.id() > id).toList();
	}, this.out::add);

	private static ChatEvent.Message message(long id) {
		return new ChatEvent.Message(id, "bob", "m" + id, TS);
	}

	@Test
	void messagesInOrderNeedNoHistory() {
		this.filler.arriving(message(1));
		this.filler.arriving(message(2));
		this.filler.arriving(message(3));

		assertThat(this.reads).isEmpty();
		assertThat(this.out).isEmpty();
	}

	@Test
	void aJumpInIdsHandsOverTheMissedMessagesFromTheHistoryButNotTheArrivingOne() {
		this.kept = List.of(message(4), message(5), message(6), message(7));
		this.filler.arriving(message(4));

		this.filler.arriving(message(7));

		assertThat(this.reads).containsExactly(4L);
		assertThat(this.out).containsExactly(message(5), message(6));
	}

	@Test
	void theFirstMessageAndTheFirstAfterAResetShowNoGap() {
		this.filler.arriving(message(9));
		this.filler.reset();

		this.filler.arriving(message(20));

		assertThat(this.reads).isEmpty();
	}

	@Test
	void aHistoryThatCannotBeReadLeavesTheGapAndGoesOn() {
		this.filler.arriving(message(1));
		this.redisDown = true;

		this.filler.arriving(message(5));
		this.redisDown = false;
		this.filler.arriving(message(6));

		assertThat(this.reads).containsExactly(1L);
		assertThat(this.out).isEmpty();
	}

}
