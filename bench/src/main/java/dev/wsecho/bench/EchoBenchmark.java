package dev.wsecho.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wsecho load generator: drives a WebSocket echo endpoint on this machine with N
 * connections in closed loop (K in flight each), open loop (R msgs/s), idle, or churn
 * (sessions back to back, N at a time: connect, handshake, one echo, close), checks every
 * echo, and prints msgs/s or sessions/s, MB/s, latency percentiles and the server's
 * memory and CPU. Exit status 0 only when no echo was wrong and nothing failed; 2 for a
 * bad command line.
 *
 * <pre>java -jar bench/target/wsecho-bench.jar --url ws://127.0.0.1:8080/ws/echo --conns 100 --inflight 10</pre>
 */
public final class EchoBenchmark {

	/** Start the common window this long after the last connection opened. */
	static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/** Idle mode samples the server's memory this long before closing. */
	static final long IDLE_SAMPLE_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	/**
	 * Open files besides the sockets: the JVM's jars and pipes, the selectors, with room
	 * to spare.
	 */
	static final int SPARE_FILES = 1_000;

	private EchoBenchmark() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (Arrays.asList(args).contains("--help")) {
			System.out.println(BenchOptions.USAGE);
			return;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
			if (options.serverPid() > 0) {
				ServerProcess.requireReadable(options.serverPid());
			}
			requireOpenFiles(options.connections(), openFileLimit());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("EchoBenchmark: " + ex.getMessage());
			System.err.println(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		BenchResult result = run(options);
		Report.print(System.out, result);
		System.exit(result.passed() ? 0 : 1);
	}

	/**
	 * Refuses a run that the open-file limit ({@code limit}, -1 if unknown) could not
	 * hold: each connection is a socket, and over the limit connections would fail one by
	 * one ("Too many open files") well into the run, with the server already loaded,
	 * instead of before the first.
	 */
	static void requireOpenFiles(int connections, long limit) {
		long needed = (long) connections + SPARE_FILES;
		if (limit >= 0 && limit < needed) {
			long suggested = (needed + 9_999) / 10_000 * 10_000;
			throw new IllegalArgumentException(connections + " connections need about " + needed
					+ " open files, but this process may open only " + limit + ": raise the limit in the shell "
					+ "that runs the benchmark first, e.g. ulimit -n " + suggested + " (past ulimit -Hn, as root)");
		}
	}

	/**
	 * This process's open-file limit, -1 if unknown. On Linux the JVM has raised its soft
	 * limit to the hard one already ({@code -XX:+MaxFDLimit}), so this is
	 * {@code ulimit -Hn} of the shell.
	 */
	static long openFileLimit() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
			return os.getMaxFileDescriptorCount();
		}
		return -1;
	}

	static BenchResult run(BenchOptions options) throws InterruptedException {
		if (options.client() != BenchOptions.Client.NIO) {
			return JettyRun.run(options);
		}
		Payloads payloads = new Payloads(options.size(), options.binary());
		ServerProcess server = (options.serverPid() > 0) ? new ServerProcess(options.serverPid()) : null;
		ServerProcess.Sample before = sample(server);
		int connections = options.connections();
		int threads = Math.max(1, Math.min(options.threads(), connections));
		List<EventLoop> loops = new ArrayList<>();
		int firstId = 0;
		for (int t = 0; t < threads; t++) {
			int count = connections / threads + ((t < connections % threads) ? 1 : 0);
			loops.add(new EventLoop(options, payloads, firstId, count, options.rate() * count / connections));
			firstId += count;
		}
		boolean idle = options.mode() == BenchOptions.Mode.IDLE;
		long warmup = idle ? 0 : nanos(options.warmupSeconds());
		long duration = nanos(options.durationSeconds());
		long drain = idle ? 0 : nanos(options.drainSeconds());
		long closeBound = nanos(idle ? 3 : 1);
		AtomicLong start = new AtomicLong();
		AtomicLong connectNanos = new AtomicLong();
		CountDownLatch started = new CountDownLatch(1);
		long connectFrom = System.nanoTime();
		CyclicBarrier connected = new CyclicBarrier(threads, () -> {
			long now = System.nanoTime();
			start.set(now + START_DELAY_NANOS);
			connectNanos.set(now - connectFrom);
			started.countDown();
		});
		long connectDeadline = connectFrom + nanos(options.connectTimeoutSeconds());
		int concurrency = Math.max(1, options.connectConcurrency() / threads);
		List<Throwable> failures = new ArrayList<>();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			EventLoop loop = loops.get(t);
			Thread worker = new Thread(() -> {
				try {
					loop.connectPhase(connectDeadline, concurrency);
					connected.await();
					long go = start.get();
					loop.runPhase(go, go + warmup, go + warmup + duration, go + warmup + duration + drain);
					loop.closePhase(System.nanoTime() + closeBound);
				}
				catch (InterruptedException | BrokenBarrierException ex) {
					Thread.currentThread().interrupt();
				}
				catch (RuntimeException | Error ex) {
					synchronized (failures) {
						failures.add(ex);
					}
					connected.reset();
				}
			}, "bench-loop-" + t);
			workers.add(worker);
			worker.start();
		}
		long bound = connectDeadline - System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		if (!started.await(bound, TimeUnit.NANOSECONDS)) {
			throw new IllegalStateException("the event loops never finished connecting: " + failures);
		}
		long measureFrom = start.get() + warmup;
		long end = measureFrom + duration;
		sleepUntil(measureFrom);
		ServerProcess.Sample atStart = sample(server);
		long cpuAtStart = processCpuNanos();
		long wallAtStart = System.nanoTime();
		sleepUntil(idle ? end - IDLE_SAMPLE_LEAD_NANOS : end);
		ServerProcess.Sample atEnd = sample(server);
		double clientCpu = 100.0 * (processCpuNanos() - cpuAtStart) / Math.max(1, System.nanoTime() - wallAtStart);
		long joinBy = end + drain + closeBound + TimeUnit.SECONDS.toNanos(10);
		for (Thread worker : workers) {
			worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
			if (worker.isAlive()) {
				throw new IllegalStateException(worker.getName() + " did not finish by its deadline");
			}
		}
		if (!failures.isEmpty()) {
			IllegalStateException failure = new IllegalStateException("an event loop failed");
			failures.forEach(failure::addSuppressed);
			throw failure;
		}
		Tally total = new Tally();
		List<String> problems = new ArrayList<>();
		for (EventLoop loop : loops) {
			total.add(loop.tally());
			problems.addAll(loop.problems());
		}
		return new BenchResult(options, total, connectNanos.get() / 1e9, duration / 1e9, clientCpu, before, atStart,
				atEnd, problems);
	}

	static ServerProcess.Sample sample(ServerProcess server) {
		return (server != null) ? server.sample() : ServerProcess.Sample.NONE;
	}

	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	static void sleepUntil(long deadline) throws InterruptedException {
		long left = deadline - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	static long nanos(double seconds) {
		return (long) (seconds * 1e9);
	}

}
