package dev.wsecho.connection;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wsecho.WsechoApplication;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.WebSocketTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mixed load for a long time (10 minutes by default), with clients that misbehave around
 * the well-behaved ones; not part of {@code ./mvnw verify}. Run it with
 * {@code ./mvnw -Psoak test -Dsoak.duration=10m}.
 */
@Tag("soak")
class SoakTests {

	private static final long MIB = 1024 * 1024;

	private final Duration duration = Duration
		.parse("PT" + System.getProperty("soak.duration", "10m").toUpperCase(Locale.ROOT));

	private final AtomicLong echoed = new AtomicLong();

	private final AtomicLong lost = new AtomicLong();

	private final AtomicLong vanished = new AtomicLong();

	private final AtomicLong stalled = new AtomicLong();

	private final AtomicLong floods = new AtomicLong();

	private final AtomicLong floodsCut = new AtomicLong();

	private final AtomicLong reconnects = new AtomicLong();

	private volatile long deadline;

	@Test
	void servesWellBehavedClientsWhileOthersVanishStallAndFlood() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WsechoApplication.class).run(
				"--server.port=0", "--wsecho.limits.message-rate=2000",
				"--wsecho.slow-clients.transport-send-timeout=5s", "--logging.level.dev.wsecho=WARN",
				"--logging.level.org.springframework.web.socket=OFF");
		ExecutorService workers = Executors.newCachedThreadPool();
		try {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			SessionRegistry sessions = context.getBean(SessionRegistry.class);
			URI echo = URI.create("ws://127.0.0.1:" + port + "/ws/echo");
			this.deadline = System.nanoTime() + this.duration.toNanos();

			for (int c = 0; c < 20; c++) {
				int id = c;
				workers.submit(() -> wellBehaved(echo, id));
			}
			workers.submit(() -> vanishers(port));
			workers.submit(() -> nonReaders(port, workers));
			workers.submit(() -> flooders(echo));

			List<Long> heap = new ArrayList<>();
			long sampleEvery = Math.max(5, this.duration.toSeconds() / 20);
			while (System.nanoTime() < this.deadline) {
				TimeUnit.SECONDS.sleep(Math.min(sampleEvery, remainingSeconds() + 1));
				heap.add(heapAfterGc());
				System.out.printf("soak: %s left, %d open, heap %d MiB, echoed %d, lost %d%n",
						Duration.ofSeconds(remainingSeconds()), sessions.sessions().size(),
						heap.get(heap.size() - 1) / MIB, this.echoed.get(), this.lost.get());
			}
			workers.shutdown();
			assertThat(workers.awaitTermination(60, TimeUnit.SECONDS)).as("clients stopped").isTrue();
			await().atMost(Duration.ofSeconds(30)).until(() -> sessions.sessions().isEmpty());
			long baseline = heap.get(Math.min(1, heap.size() - 1));
			long end = heapAfterGc();

			System.out.printf("soak: %s; echoed %d, lost %d; %d vanished mid-frame, %d stopped reading, "
					+ "%d floods (%d cut with 1008), %d reconnects; heap after GC %d MiB -> %d MiB; open at end %d%n",
					this.duration, this.echoed.get(), this.lost.get(), this.vanished.get(), this.stalled.get(),
					this.floods.get(), this.floodsCut.get(), this.reconnects.get(), baseline / MIB, end / MIB,
					sessions.sessions().size());
			assertThat(this.lost.get()).as("echoes lost or wrong for well-behaved clients").isZero();
			assertThat(this.echoed.get()).isPositive();
			assertThat(this.floodsCut.get()).as("floods that read 1008, not a reset").isEqualTo(this.floods.get());
			assertThat(end - baseline).as("heap growth after GC, bytes").isLessThan(64 * MIB);
		}
		finally {
			workers.shutdownNow();
			context.close();
		}
	}

	private long remainingSeconds() {
		return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(this.deadline - System.nanoTime()));
	}

	private static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Sends a numbered message every 10 ms, checks each echo, reconnects every 30 s. */
	private void wellBehaved(URI echo, int id) {
		long seq = 0;
		while (System.nanoTime() < this.deadline) {
			long reconnectAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			try (WebSocketTestClient client = WebSocketTestClient.connect(echo)) {
				while (System.nanoTime() < Math.min(reconnectAt, this.deadline)) {
					String message = "client " + id + " seq " + seq++;
					client.sendText(message);
					if (message.equals(client.next())) {
						this.echoed.incrementAndGet();
					}
					else {
						this.lost.incrementAndGet();
					}
					TimeUnit.MILLISECONDS.sleep(10);
				}
				this.reconnects.incrementAndGet();
			}
			catch (Throwable ex) {
				this.lost.incrementAndGet();
				System.out.println("soak: well-behaved client " + id + " failed: " + ex);
			}
		}
	}

	/**
	 * Every 100 ms a client announces a 1,000-byte frame, sends 10 bytes of it and resets
	 * the connection.
	 */
	private void vanishers(int port) {
		while (System.nanoTime() < this.deadline) {
			try (RawWebSocketClient client = RawWebSocketClient.connect(port, "/ws/echo")) {
				client.sendPartialFrameThenReset(RawWebSocketClient.BINARY, 1000, 10);
				this.vanished.incrementAndGet();
				TimeUnit.MILLISECONDS.sleep(100);
			}
			catch (Exception ex) {
				// A reset connection may fail to close cleanly on our side too.
			}
		}
	}

	/** Every 2 s a client sends 8 MiB of 64 KiB messages and never reads an echo. */
	private void nonReaders(int port, ExecutorService workers) {
		byte[] chunk = new byte[64 * 1024];
		while (System.nanoTime() < this.deadline) {
			workers.submit(() -> {
				try (RawWebSocketClient client = RawWebSocketClient.connect(port, "/ws/echo")) {
					this.stalled.incrementAndGet();
					for (int i = 0; i < 128; i++) {
						client.sendFrame(true, 0, RawWebSocketClient.BINARY, chunk);
					}
				}
				catch (Exception ex) {
					// The server gave up on it: expected.
				}
				return null;
			});
			sleepQuietly(2000);
		}
	}

	/**
	 * Every second a client sends 5,000 messages as fast as it can, over the rate limit.
	 */
	private void flooders(URI echo) {
		while (System.nanoTime() < this.deadline) {
			try (WebSocketTestClient client = WebSocketTestClient.connect(echo)) {
				this.floods.incrementAndGet();
				for (int i = 0; i < 5000 && !client.isClosed(); i++) {
					client.sendTextIgnoringFailure("flood " + i);
				}
				if (client.awaitClose().code() == 1008) {
					this.floodsCut.incrementAndGet();
				}
			}
			catch (Exception ex) {
				// Counted as not cut.
			}
			sleepQuietly(1000);
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
