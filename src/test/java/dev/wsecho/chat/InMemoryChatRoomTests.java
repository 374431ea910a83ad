package dev.wsecho.chat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryChatRoomTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final List<Runnable> queued = new ArrayList<>();

	/** Runs handed-over work only when told to, so a test can hold a listener back. */
	private final Executor held = this.queued::add;

	private final InMemoryChatRoom room = new InMemoryChatRoom(Runnable::run, Clock.fixed(NOW, ZoneOffset.UTC), 5, 3);

	@Test
	void givesIdsThatRiseStrictlyAndTellsEveryListenerInTheSameOrder() {
		RecordingListener ann = new RecordingListener();
		RecordingListener bob = new RecordingListener();
		ChatRoom.Membership annMember = this.room.join("ann", Replay.none(), ann);
		ChatRoom.Membership bobMember = this.room.join("bob", Replay.none(), bob);

		ChatEvent.Message first = annMember.say("one").orElseThrow();
		ChatEvent.Message second = bobMember.say("two").orElseThrow();

		assertThat(first).isEqualTo(new ChatEvent.Message(1, "ann", "one", NOW));
		assertThat(second.id()).isEqualTo(2);
		assertThat(bob.events).containsExactly(new ChatEvent.Joined("bob", List.of("ann", "bob")), first, second);
		assertThat(ann.events).endsWith(new ChatEvent.Joined("bob", List.of("ann", "bob")), first, second);
	}

	@Test
	void announcesJoinsRenamesAndLeavesWithTheMembers() {
		RecordingListener ann = new RecordingListener();
		ChatRoom.Membership annMember = this.room.join("ann", Replay.none(), ann);
		ChatRoom.Membership bob = this.room.join("bob", Replay.none(), new RecordingListener());

		assertThat(bob.rename("ann")).as("a taken name").isFalse();
		assertThat(bob.rename("rob")).isTrue();
		bob.cancel();
		assertThat(bob.say("after leaving")).isEmpty();
		assertThat(bob.rename("bobby")).isFalse();

		assertThat(ann.events).containsExactly(new ChatEvent.Joined("ann", List.of("ann")),
				new ChatEvent.Joined("bob", List.of("ann", "bob")),
				new ChatEvent.Renamed("bob", "rob", List.of("ann", "rob")), new ChatEvent.Left("rob", List.of("ann")));
		assertThat(annMember.name()).isEqualTo("ann");
		assertThat(this.room.members()).containsExactly("ann");
	}

	@Test
	void givesAGuestNameWhenNoneOrATakenOneIsAsked() {
		this.room.join("ann", Replay.none(), new RecordingListener());

		assertThat(this.room.join(null, Replay.none(), new RecordingListener()).name()).isEqualTo("guest-1");
		assertThat(this.room.join("ann", Replay.none(), new RecordingListener()).name()).isEqualTo("guest-2");
	}

	@Test
	void replaysTheLatestMessagesFirst() {
		annSaysMessages(4);
		RecordingListener late = new RecordingListener();

		this.room.join("late", Replay.recent(2), late);

		assertThat(late.events.get(0)).isEqualTo(new ChatEvent.History(
				List.of(new ChatEvent.Message(3, "ann", "m3", NOW), new ChatEvent.Message(4, "ann", "m4", NOW)), true));
		assertThat(late.events.get(1)).isInstanceOf(ChatEvent.Joined.class);
	}

	@Test
	void replaysExactlyTheMessagesAfterTheIdGivenAndSaysWhenSomeWereForgotten() {
		annSaysMessages(8);
		RecordingListener resumed = new RecordingListener();
		RecordingListener tooLate = new RecordingListener();

		this.room.watch(Replay.since(5), resumed);
		this.room.watch(Replay.since(1), tooLate);

		ChatEvent.History history = (ChatEvent.History) resumed.events.get(0);
		assertThat(history.messages()).extracting(ChatEvent.Message::id).containsExactly(6L, 7L, 8L);
		assertThat(history.complete()).isTrue();
		ChatEvent.History partial = (ChatEvent.History) tooLate.events.get(0);
		assertThat(partial.messages()).extracting(ChatEvent.Message::id).containsExactly(4L, 5L, 6L, 7L, 8L);
		assertThat(partial.complete()).as("messages 2 and 3 are gone").isFalse();
	}

	@Test
	void watchersFollowWithoutBeingMembers() {
		RecordingListener watcher = new RecordingListener();
		ChatRoom.Subscription watching = this.room.watch(Replay.none(), watcher);
		ChatRoom.Membership ann = this.room.join("ann", Replay.none(), new RecordingListener());

		ann.say("hi");
		watching.cancel();
		ann.say("gone");

		assertThat(this.room.members()).containsExactly("ann");
		assertThat(watcher.events).containsExactly(new ChatEvent.Joined("ann", List.of("ann")),
				new ChatEvent.Message(1, "ann", "hi", NOW));
		assertThat(this.room.listenerCount()).isEqualTo(1);
	}

	@Test
	void tellsAListenerThatFallsBehindThatItOverflowedAndSendsItNothingMore() {
		InMemoryChatRoom room = new InMemoryChatRoom(this.held, Clock.fixed(NOW, ZoneOffset.UTC), 5, 3);
		RecordingListener slow = new RecordingListener();
		room.watch(Replay.none(), slow);
		ChatRoom.Membership ann = room.join("ann", Replay.none(), new RecordingListener());

		for (int i = 0; i < 4; i++) {
			ann.say("m" + i);
		}
		List<Runnable> work = new ArrayList<>(this.queued);
		this.queued.clear();
		work.forEach(Runnable::run);

		assertThat(slow.overflowed).isTrue();
		assertThat(slow.events).isEmpty();
		assertThat(room.listenerCount()).as("both listeners fell behind; both are gone").isZero();
		assertThat(room.members()).isEmpty();
	}

	@Test
	void removesAMemberWhoseDeliveryFailsAndTellsTheOthers() {
		RecordingListener ann = new RecordingListener();
		this.room.join("ann", Replay.none(), ann);
		ChatRoom.Membership bob = this.room.join("bob", Replay.none(), new ChatListener() {

			@Override
			public void onEvent(ChatEvent event) throws Exception {
				if (event instanceof ChatEvent.Message) {
					throw new IOException("Broken pipe");
				}
			}

			@Override
			public void onOverflow() {
			}

		});

		bob.say("hi");

		assertThat(this.room.members()).containsExactly("ann");
		assertThat(ann.events).last().isEqualTo(new ChatEvent.Left("bob", List.of("ann")));
	}

	private static final class RecordingListener implements ChatListener {

		final List<ChatEvent> events = new ArrayList<>();

		boolean overflowed;

		@Override
		public void onEvent(ChatEvent event) {
			this.events.add(event);
		}

		@Override
		public void onOverflow() {
			this.overflowed = true;
		}

	}

	/** Ann joins and says m1, m2, … up to {@code count}: messages 1 to {@code count}. */
	private void annSaysMessages(int count) {
		ChatRoom.Membership ann = this.room.join("ann", Replay.none(), new RecordingListener());
		for (int i = 1; i <= count; i++) {
			ann.say("m" + i);
		}
	}

}
