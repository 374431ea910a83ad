package dev.wsecho.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * The hostile clients of issue 13, each at full scale: what it sends, and what the server
 * did about it. Every attack comes from its own source address, so that a cap per address
 * does not touch the well-behaved client; every wait is bounded.
 */
enum HostileAttack {

	/**
	 * No attack: the well-behaved client alone for 10 s, the machine's own noise to read
	 * the other rows against.
	 */
	NONE("none (baseline)", "the well-behaved client alone, 10 s") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			long start = System.nanoTime();
			TimeUnit.SECONDS.sleep(10);
			return new Outcome("nothing to do", seconds(start), true);
		}
	},

	/** One compressed message of about 200 KB that inflates to 200 MiB. */
	BOMB("decompression bomb", "200 MiB of zeros deflated to one message") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			byte[] bomb = deflatedZeros(200);
			try (RawSocket socket = RawSocket.open(target, from, 30_000, 0)) {
				int status = socket.upgrade(Map.of("Sec-WebSocket-Extensions", "permessage-deflate"));
				if (status != 101) {
					return new Outcome("handshake " + status, 0, false);
				}
				long start = System.nanoTime();
				Future<Integer> close = background(socket::readUntilClose);
				socket.write(RawSocket.frame(true, 4, ClientFrames.BINARY, bomb));
				int code = close.get(30, TimeUnit.SECONDS);
				return new Outcome(
						"closed " + code + " (" + String.format("%,d", bomb.length) + " B sent, limit 16 MiB)",
						seconds(start), code == 1009);
			}
		}
	},

	/** One text message sent as 200,000 one-byte frames. */
	FRAGMENTS("one-byte fragments", "200,000 one-byte frames, one message") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			int count = 200_000;
			ByteArrayOutputStream frames = new ByteArrayOutputStream(count * 7);
			for (int i = 0; i < count; i++) {
				frames.writeBytes(
						RawSocket.frame(i == count - 1, 0, (i == 0) ? ClientFrames.TEXT : ClientFrames.CONTINUATION,
								new byte[] { (byte) ('a' + i % 26) }));
			}
			try (RawSocket socket = RawSocket.open(target, from, 30_000, 0)) {
				socket.upgrade(Map.of());
				long start = System.nanoTime();
				Future<Integer> echoed = background(() -> {
					int received = 0;
					int wrong = 0;
					RawSocket.Frame frame;
					do {
						frame = socket.read();
						for (byte b : frame.payload()) {
							if (b != (byte) ('a' + received % 26)) {
								wrong++;
							}
							received++;
						}
					}
					while (!frame.fin());
					return (wrong == 0) ? received : -1;
				});
				socket.write(frames.toByteArray());
				int received = echoed.get(60, TimeUnit.SECONDS);
				return new Outcome((received == count) ? "echoed whole and right" : "echo wrong", seconds(start),
						received == count);
			}
		}
	},

	/** 300 connections sending the upgrade request a byte every 2 s. */
	SLOWLORIS("slowloris", "300 connections, upgrade request a byte every 2 s") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			int count = 300;
			List<RawSocket> sockets = new ArrayList<>();
			ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
			ExecutorService readers = Executors.newFixedThreadPool(count);
			long start = System.nanoTime();
			try {
				for (int i = 0; i < count; i++) {
					sockets.add(RawSocket.open(target, from, 60_000, 0));
				}
				byte[] request = sockets.get(0).upgradeRequest(Map.of());
				AtomicInteger next = new AtomicInteger();
				trickler.scheduleAtFixedRate(() -> {
					int index = next.getAndIncrement() % request.length;
					for (RawSocket socket : sockets) {
						try {
							socket.write(request[index]);
						}
						catch (IOException ex) {
							// Closed by the server.
						}
					}
				}, 0, 2, TimeUnit.SECONDS);
				List<Future<Double>> ends = new ArrayList<>();
				for (RawSocket socket : sockets) {
					ends.add(readers.submit(() -> {
						socket.awaitEnd();
						return seconds(start);
					}));
				}
				double last = 0;
				int ended = 0;
				for (Future<Double> end : ends) {
					try {
						last = Math.max(last, end.get(90, TimeUnit.SECONDS));
						ended++;
					}
					catch (java.util.concurrent.ExecutionException ex) {
						// Still open at the socket timeout: counted as not ended.
					}
				}
				return new Outcome(
						ended + "/" + count + " closed without an answer, " + (next.get()) + " bytes each sent", last,
						ended == count);
			}
			finally {
				closeAll(sockets, trickler, readers);
			}
		}
	},

	/**
	 * 5,000 handshakes at once against a limit of 1,000 connections: the connections are
	 * opened first (by 200 threads), then every upgrade request is written in one sweep.
	 */
	STORM("handshake storm", "5,000 simultaneous handshakes, max-connections 1,000") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			int count = 5_000;
			ExecutorService threads = Executors.newFixedThreadPool(200);
			List<RawSocket> sockets = new ArrayList<>();
			try {
				List<Future<RawSocket>> opening = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					opening.add(threads.submit(() -> RawSocket.open(target, from, 60_000, 0)));
				}
				for (Future<RawSocket> socket : opening) {
					sockets.add(socket.get(60, TimeUnit.SECONDS));
				}
				byte[] request = sockets.get(0).upgradeRequest(Map.of());
				long start = System.nanoTime();
				for (RawSocket socket : sockets) {
					socket.write(request);
				}
				List<Future<Integer>> statuses = new ArrayList<>();
				for (RawSocket socket : sockets) {
					statuses.add(threads.submit(() -> {
						try {
							return socket.readStatus();
						}
						catch (EOFException ex) {
							// Closed without an answer (the handshake timeout, had the
							// opening taken longer than it).
							return 0;
						}
					}));
				}
				Map<Integer, Integer> counts = tally(statuses);
				double took = seconds(start);
				// The well-behaved client holds one of the 1,000.
				// Those whose request the server could not read within the handshake
				// timeout
				// (an overloaded server) are closed unanswered.
				boolean exact = counts.getOrDefault(101, 0) == 999
						&& counts.getOrDefault(503, 0) + counts.getOrDefault(0, 0) == count - 999;
				return new Outcome(describe(counts) + " (0: closed unanswered; plus the well-behaved client's 1)", took,
						exact);
			}
			finally {
				closeAll(sockets, threads);
			}
		}
	},

	/** 1,000 upgrade requests with a 64 KiB header each, 10 at a time. */
	HEADERS("64 KiB headers", "1,000 upgrade requests with a 64 KiB header") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			String padding = "a".repeat(64 * 1024);
			ExecutorService threads = Executors.newFixedThreadPool(10);
			try {
				long start = System.nanoTime();
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < 1_000; i++) {
					statuses.add(threads.submit(() -> {
						try (RawSocket socket = RawSocket.open(target, from, 30_000, 0)) {
							return socket.upgrade(Map.of("X-Padding", padding));
						}
					}));
				}
				Map<Integer, Integer> counts = tally(statuses);
				return new Outcome(describe(counts), seconds(start), counts.keySet().equals(java.util.Set.of(431)));
			}
			finally {
				threads.shutdownNow();
			}
		}
	},

	/** Pings of 125 bytes sent as fast as they go, never reading a pong. */
	PING_FLOOD("ping flood, never reading", "125 B pings until dropped, pongs never read") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			byte[] one = RawSocket.frame(true, 0, ClientFrames.PING, new byte[125]);
			ByteArrayOutputStream batch = new ByteArrayOutputStream();
			for (int i = 0; i < 100; i++) {
				batch.writeBytes(one);
			}
			byte[] pings = batch.toByteArray();
			long sent = 0;
			long start = System.nanoTime();
			long deadline = start + TimeUnit.SECONDS.toNanos(60);
			try (RawSocket socket = RawSocket.open(target, from, 60_000, 64 * 1024)) {
				socket.upgrade(Map.of());
				try {
					while (System.nanoTime() < deadline) {
						socket.write(pings);
						sent += 100;
					}
				}
				catch (IOException ex) {
					return new Outcome("dropped (1006, no close frame) after " + String.format("%,d", sent)
							+ " pings were accepted", seconds(start), true);
				}
				return new Outcome("still open after " + String.format("%,d", sent) + " pings", seconds(start), false);
			}
		}
	},

	/** 1,000 connections, each closing with a close frame the RFC forbids. */
	BAD_CLOSE("invalid close frames", "250 each: 1-byte payload, code 1005, code 1006, reason not UTF-8") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			Map<String, byte[]> payloads = new java.util.LinkedHashMap<>();
			payloads.put("1-byte", new byte[] { 3 });
			payloads.put("1005", new byte[] { 0x03, (byte) 0xED });
			payloads.put("1006", new byte[] { 0x03, (byte) 0xEE });
			payloads.put("bad UTF-8", new byte[] { 0x03, (byte) 0xE8, (byte) 0xC3, (byte) 0x28 });
			StringBuilder outcome = new StringBuilder();
			boolean expected = true;
			long start = System.nanoTime();
			for (Map.Entry<String, byte[]> payload : payloads.entrySet()) {
				Map<Integer, Integer> codes = new TreeMap<>();
				for (int i = 0; i < 250; i++) {
					try (RawSocket socket = RawSocket.open(target, from, 30_000, 0)) {
						socket.upgrade(Map.of());
						socket.write(RawSocket.frame(true, 0, ClientFrames.CLOSE, payload.getValue()));
						codes.merge(socket.readUntilClose(), 1, Integer::sum);
					}
				}
				boolean right = payload.getKey().equals("bad UTF-8")
						? codes.keySet().stream().allMatch((code) -> code == 1007 || code == 1002)
						: codes.keySet().equals(java.util.Set.of(1002));
				expected &= right;
				outcome.append((outcome.length() > 0) ? "; " : "")
					.append(payload.getKey())
					.append(": ")
					.append(describe(codes));
			}
			return new Outcome(outcome.toString(), seconds(start), expected);
		}
	},

	/**
	 * 1,000 connections that go silent after the handshake: no data, no pong, no FIN.
	 */
	HALF_OPEN("half-open peers", "1,000 silent connections (no pong, no FIN), ping interval 5 s") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			int count = 1_000;
			List<RawSocket> sockets = new ArrayList<>();
			ExecutorService readers = Executors.newFixedThreadPool(count);
			try {
				long start = System.nanoTime();
				List<Future<long[]>> ends = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					RawSocket socket = RawSocket.open(target, from, 60_000, 0);
					sockets.add(socket);
					socket.upgrade(Map.of());
					long opened = System.nanoTime();
					// Reads only to see the close; sends nothing, not even a pong.
					ends.add(readers.submit(() -> new long[] { socket.readUntilClose(), System.nanoTime() - opened }));
				}
				Map<Integer, Integer> counts = new TreeMap<>();
				long longest = 0;
				for (Future<long[]> end : ends) {
					long[] codeAndNanos = end.get(60, TimeUnit.SECONDS);
					counts.merge((int) codeAndNanos[0], 1, Integer::sum);
					longest = Math.max(longest, codeAndNanos[1]);
				}
				return new Outcome(
						describe(counts) + ", each at most " + String.format("%.1f", longest / 1e9)
								+ " s after its handshake",
						seconds(start), counts.keySet().equals(java.util.Set.of(1001)));
			}
			finally {
				closeAll(sockets, readers);
			}
		}
	},

	/** 1,000 connections from one address against a cap of 100 per address. */
	PER_ADDRESS("many connections from one address", "1,000 handshakes from one address, cap 100") {
		@Override
		Outcome run(LoopbackTarget target, InetAddress from) throws Exception {
			int count = 1_000;
			List<RawSocket> sockets = new ArrayList<>();
			try {
				long start = System.nanoTime();
				Map<Integer, Integer> counts = new TreeMap<>();
				for (int i = 0; i < count; i++) {
					RawSocket socket = RawSocket.open(target, from, 30_000, 0);
					sockets.add(socket);
					counts.merge(socket.upgrade(Map.of()), 1, Integer::sum);
				}
				double took = seconds(start);
				return new Outcome(describe(counts), took,
						counts.getOrDefault(101, 0) == 100 && counts.getOrDefault(429, 0) == count - 100);
			}
			finally {
				closeAll(sockets);
			}
		}
	};

	/** What the attack is called in the table. */
	final String title;

	/** Its scale, for the table. */
	final String scale;

	HostileAttack(String title, String scale) {
		this.title = title;
		this.scale = scale;
	}

	abstract Outcome run(LoopbackTarget target, InetAddress from) throws Exception;

	/** The attack named on the command line: {@code ping-flood} for PING_FLOOD. */
	static HostileAttack named(String name) {
		for (HostileAttack attack : values()) {
			if (attack.option().equals(name)) {
				return attack;
			}
		}
		throw new IllegalArgumentException("--attack must be one of "
				+ Arrays.stream(values()).map(HostileAttack::option).toList() + ", got " + name);
	}

	String option() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/**
	 * What the server did and how long it took, from the attack's first byte.
	 *
	 * @param serverDid the server's answer, as counts of statuses or codes
	 * @param seconds how long until the last answer
	 * @param expected whether that is what the docs say it does
	 */
	record Outcome(String serverDid, double seconds, boolean expected) {

	}

	static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	/** {@code 101 ×999, 503 ×4,001}. */
	static String describe(Map<Integer, Integer> counts) {
		StringBuilder text = new StringBuilder();
		counts.forEach((key, count) -> text.append((text.length() > 0) ? ", " : "")
			.append(key)
			.append(" ×")
			.append(String.format("%,d", count)));
		return text.toString();
	}

	/**
	 * {@code mebibytes} MiB of zeros as one permessage-deflate payload: raw deflate,
	 * sync-flushed, without its empty tail.
	 */
	static byte[] deflatedZeros(int mebibytes) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		byte[] zeros = new byte[1024 * 1024];
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		for (int i = 0; i < mebibytes; i++) {
			deflater.setInput(zeros);
			while (!deflater.needsInput()) {
				int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
				out.write(buffer, 0, n);
			}
		}
		int n;
		while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
			out.write(buffer, 0, n);
			if (n < buffer.length) {
				break;
			}
		}
		deflater.end();
		byte[] deflated = out.toByteArray();
		return Arrays.copyOf(deflated, deflated.length - 4);
	}

	/** How many of the answers (statuses, close codes) were each value. */
	static Map<Integer, Integer> tally(List<Future<Integer>> answers) throws Exception {
		Map<Integer, Integer> counts = new TreeMap<>();
		for (Future<Integer> answer : answers) {
			counts.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
		}
		return counts;
	}

	private static <T> Future<T> background(Callable<T> task) {
		ExecutorService thread = Executors.newSingleThreadExecutor();
		Future<T> future = thread.submit(task);
		thread.shutdown();
		return future;
	}

	/**
	 * Stops an attack's threads, then closes its connections, whatever became of them.
	 */
	private static void closeAll(List<RawSocket> sockets, ExecutorService... threads) {
		for (ExecutorService pool : threads) {
			pool.shutdownNow();
		}
		sockets.forEach(RawSocket::close);
	}

}
