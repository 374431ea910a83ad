package dev.wsecho.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client that runs alongside a hostile one: one connection from its own address, a
 * 64-byte text message every 5 ms on a fixed schedule (open loop, so that a stall shows
 * in the latency instead of slowing the sender), each echo checked byte for byte and in
 * order, latency from the message's planned send time, pings answered. It runs from
 * {@link #start} until {@link #stop}, so its figures cover the attack exactly.
 */
final class WellBehavedClient {

	private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final RawSocket socket;

	private final LatencyHistogram latencies = new LatencyHistogram();

	/** Planned send times, by sequence number, of the messages not yet echoed. */
	private final long[] planned = new long[1 << 16];

	private volatile long sent;

	private volatile long echoed;

	private volatile long wrong;

	private volatile String problem = "";

	private volatile boolean stopping;

	/** Set once the sender has stopped: from then on {@link #sent} is final. */
	private volatile boolean sendingDone;

	private Thread sender;

	private Thread reader;

	private WellBehavedClient(RawSocket socket) {
		this.socket = socket;
	}

	static WellBehavedClient start(LoopbackTarget target, InetAddress from) throws IOException {
		RawSocket socket = RawSocket.open(target, from, 30_000, 0);
		int status = socket.upgrade(Map.of());
		if (status != 101) {
			socket.close();
			throw new IOException("the well-behaved client's handshake got " + status);
		}
		WellBehavedClient client = new WellBehavedClient(socket);
		client.sender = new Thread(client::send, "well-behaved-sender");
		client.reader = new Thread(client::read, "well-behaved-reader");
		client.reader.start();
		client.sender.start();
		return client;
	}

	private static byte[] payload(long sequence) {
		byte[] payload = new byte[64];
		Arrays.fill(payload, (byte) ('a' + sequence % 26));
		byte[] number = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(number, 0, payload, 0, number.length);
		return payload;
	}

	private void send() {
		long next = System.nanoTime();
		try {
			while (!this.stopping) {
				long wait = next - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				long sequence = this.sent;
				if (sequence - this.echoed >= this.planned.length) {
					fail("more than " + this.planned.length + " messages without an echo");
					return;
				}
				this.planned[(int) (sequence & (this.planned.length - 1))] = next;
				byte[] frame = RawSocket.frame(true, 0, ClientFrames.TEXT, payload(sequence));
				synchronized (this.socket) {
					this.socket.write(frame);
				}
				this.sent = sequence + 1;
				next += PERIOD_NANOS;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			fail("send failed: " + ex);
		}
	}

	private void read() {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		try {
			while (!this.sendingDone || this.echoed < this.sent) {
				RawSocket.Frame frame = this.socket.read();
				long now = System.nanoTime();
				switch (frame.opcode()) {
					case ClientFrames.PING -> {
						byte[] pong = RawSocket.frame(true, 0, ClientFrames.PONG, frame.payload());
						synchronized (this.socket) {
							this.socket.write(pong);
						}
					}
					case ClientFrames.TEXT, ClientFrames.CONTINUATION -> {
						// The echo streams what it has read, so a message may come back
						// in
						// parts.
						if ((frame.opcode() == ClientFrames.TEXT) != (message.size() == 0)) {
							this.wrong++;
						}
						message.writeBytes(frame.payload());
						if (frame.fin()) {
							long sequence = this.echoed;
							if (!Arrays.equals(message.toByteArray(), payload(sequence))) {
								this.wrong++;
							}
							message.reset();
							this.latencies.record(now - this.planned[(int) (sequence & (this.planned.length - 1))]);
							this.echoed = sequence + 1;
						}
					}
					case ClientFrames.CLOSE -> {
						fail("the server closed the connection with " + frame.closeCode());
						return;
					}
					default -> this.wrong++;
				}
			}
		}
		catch (IOException ex) {
			if (!this.sendingDone || this.echoed < this.sent) {
				fail("read failed: " + ex);
			}
		}
	}

	private void fail(String why) {
		if (this.problem.isEmpty()) {
			this.problem = why;
		}
	}

	/**
	 * Stops sending, waits up to 10 s for the echoes still due, and closes.
	 * @return what it measured
	 */
	Figures stop() throws InterruptedException {
		this.stopping = true;
		this.sender.join(10_000);
		this.sendingDone = true;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.echoed < this.sent && this.reader.isAlive() && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(10);
		}
		if (this.echoed < this.sent) {
			fail((this.sent - this.echoed) + " echoes missing 10 s after the last send");
		}
		// Closing ends the reader's wait for a frame that is not coming.
		this.socket.close();
		this.reader.join(10_000);
		return new Figures(this.sent, this.echoed, this.wrong, this.latencies.percentileNanos(0.50) / 1e6,
				this.latencies.percentileNanos(0.99) / 1e6, this.latencies.maxNanos() / 1e6, this.problem);
	}

	/**
	 * What the well-behaved client saw.
	 *
	 * @param sent messages sent
	 * @param echoed echoes received
	 * @param wrong echoes that were not what was sent, in order
	 * @param p50Millis median round trip from the planned send time
	 * @param p99Millis 99th percentile of the same
	 * @param maxMillis the longest
	 * @param problem what went wrong, or empty
	 */
	record Figures(long sent, long echoed, long wrong, double p50Millis, double p99Millis, double maxMillis,
			String problem) {

		boolean passed() {
			return this.wrong == 0 && this.echoed == this.sent && this.problem.isEmpty();
		}

	}

}
