package dev.wsecho.connection;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wsecho.connection.ConnectionSlots.Refusal;
import dev.wsecho.connection.ConnectionSlots.Slot;
import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionSlotsTests {

	private final ConnectionSlots slots = new ConnectionSlots(2);

	@BeforeEach
	void open() {
		this.slots.open();
	}

	@Test
	void givesOutSlotsUpToTheLimit() {
		assertThat(this.slots.reserve()).isNotNull();
		assertThat(this.slots.reserve()).isNotNull();

		assertThat(this.slots.reserve()).isNull();
		assertThat(this.slots.taken()).isEqualTo(2);
		assertThat(this.slots.refusal()).isEqualTo("The server holds its limit of 2 connections; try again later.");
	}

	@Test
	void givesOutASlotAgainOnceOneIsReleased() {
		Slot first = this.slots.reserve();
		this.slots.reserve();

		first.release();

		assertThat(this.slots.taken()).isEqualTo(1);
		assertThat(this.slots.reserve()).isNotNull();
	}

	@Test
	void countsASlotReleasedTwiceOnlyOnce() {
		Slot first = this.slots.reserve();
		this.slots.reserve();

		first.release();
		first.release();

		assertThat(this.slots.taken()).isEqualTo(1);
	}

	@Test
	void neverGoesBelowZero() {
		Slot only = this.slots.reserve();

		only.release();
		only.release();

		assertThat(this.slots.taken()).isZero();
		assertThat(this.slots.reserve()).isNotNull();
		assertThat(this.slots.reserve()).isNotNull();
		assertThat(this.slots.reserve()).isNull();
	}

	@Test
	void refusesEveryHandshakeWhileClosedAndKeepsTheTakenOnes() {
		Slot held = this.slots.reserve();

		this.slots.close();

		assertThat(this.slots.reserve()).isNull();
		assertThat(this.slots.refusal()).isEqualTo("The server is shutting down; connect again in a moment.");
		assertThat(this.slots.taken()).isEqualTo(1);
		held.release();
		assertThat(this.slots.taken()).isZero();
	}

	@Test
	void travelsWithTheHandshakeAttributesToTheConnection() {
		Slot slot = this.slots.reserve();
		RecordingWebSocketSession session = new RecordingWebSocketSession();
		Map<String, Object> attributes = new HashMap<>();

		slot.handTo(attributes);
		session.getAttributes().putAll(attributes);

		assertThat(ConnectionSlots.of(session)).isSameAs(slot);
		assertThat(ConnectionSlots.of(new RecordingWebSocketSession())).isNull();
	}

	@Test
	void givesOutExactlyTheLimitToManyThreadsAtOnce() throws Exception {
		ConnectionSlots fifty = new ConnectionSlots(50);
		fifty.open();
		ConcurrentLinkedQueue<Slot> granted = new ConcurrentLinkedQueue<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				done.add(threads.submit(() -> {
					start.await();
					for (int i = 0; i < 1000; i++) {
						Slot slot = fifty.reserve();
						if (slot != null) {
							granted.add(slot);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(granted).hasSize(50);
		assertThat(fifty.taken()).isEqualTo(50);
	}

	@Test
	void givesOutSlotsBeforeTheServerHasFinishedStarting() {
		// The port opens before the session registry starts: a handshake then is
		// admitted.
		assertThat(new ConnectionSlots(1).reserve()).isNotNull();
	}

	@Test
	void capsTheSlotsOfOneAddressAndLetsOtherAddressesIn() throws Exception {
		ConnectionSlots capped = new ConnectionSlots(10, 2);
		InetAddress one = InetAddress.getByName("127.0.0.1");
		InetAddress other = InetAddress.getByName("127.0.0.2");

		assertThat(capped.admit(one)).isInstanceOf(Slot.class);
		assertThat(capped.admit(one)).isInstanceOf(Slot.class);

		assertThat(capped.admit(one)).isEqualTo(
				new Refusal(true, "Your address holds its limit of 2 connections; close one before opening another."));
		assertThat(capped.admit(other)).isInstanceOf(Slot.class);
		assertThat(capped.taken()).as("a refused handshake holds no slot").isEqualTo(3);
	}

	@Test
	void givesAnAddressItsSlotBackOnceWhenItsConnectionCloses() throws Exception {
		ConnectionSlots capped = new ConnectionSlots(10, 1);
		InetAddress one = InetAddress.getByName("127.0.0.1");
		Slot slot = (Slot) capped.admit(one);

		slot.release();
		slot.release();

		assertThat(capped.admit(one)).isInstanceOf(Slot.class);
		assertThat(capped.admit(one)).isInstanceOf(Refusal.class);
		assertThat(capped.taken()).isEqualTo(1);
	}

	@Test
	void refusesByTheOverallLimitFirst() throws Exception {
		ConnectionSlots capped = new ConnectionSlots(1, 5);
		capped.admit(InetAddress.getByName("127.0.0.1"));

		assertThat(capped.admit(InetAddress.getByName("127.0.0.2")))
			.isEqualTo(new Refusal(false, "The server holds its limit of 1 connections; try again later."));
	}

	@Test
	void capsNothingWhenTheCapIsOff() throws Exception {
		InetAddress one = InetAddress.getByName("127.0.0.1");

		assertThat(this.slots.admit(one)).isInstanceOf(Slot.class);
		assertThat(this.slots.admit(one)).isInstanceOf(Slot.class);
	}

}
