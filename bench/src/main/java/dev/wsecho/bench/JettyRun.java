package dev.wsecho.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The closed-loop and idle modes with Jetty's WebSocket client instead of our own, so
 * that HTTP/1.1 (a TCP connection per WebSocket) and HTTP/2 with prior knowledge (h2c:
 * each WebSocket an extended CONNECT stream, RFC 8441, spread round-robin over a fixed
 * number of TCP connections) are compared with the same client. Every echo is checked as
 * with our own client, and the figures come out as a {@link BenchResult}.
 */
final class JettyRun {

	/** Pings a socket gets before it counts as failed to open. */
	private static final int READY_ATTEMPTS = 3;

	private final BenchOptions options;

	private final QueuedThreadPool threads = new QueuedThreadPool(64, 4);

	private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("bench-jetty-scheduler", true);

	private final List<WebSocketCoreClient> clients = new ArrayList<>();

	private final AtomicInteger tcpConnections = new AtomicInteger();

	private final List<String> problems = new ArrayList<>();

	private JettyRun(BenchOptions options) {
		this.options = options;
	}

	static BenchResult run(BenchOptions options) throws InterruptedException {
		JettyRun run = new JettyRun(options);
		try {
			run.start();
			return run.measure();
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("the Jetty client failed: " + ex, ex);
		}
		finally {
			run.stop();
		}
	}

	/**
	 * One client per HTTP/2 connection (each holds one TCP connection to the server, its
	 * streams multiplexed on it); one client for HTTP/1.1, with a connection per socket.
	 */
	private void start() throws Exception {
		this.threads.setName("bench-jetty");
		this.threads.start();
		this.scheduler.start();
		boolean http2 = this.options.client() == BenchOptions.Client.JETTY_HTTP2;
		int count = http2 ? this.options.h2Connections() : 1;
		for (int i = 0; i < count; i++) {
			HttpClient http = http2 ? new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()))
					: new HttpClient();
			http.setExecutor(this.threads);
			http.setScheduler(this.scheduler);
			http.setMaxConnectionsPerDestination(http2 ? 1 : this.options.connections() + 1);
			http.setMaxRequestsQueuedPerDestination(this.options.connections() + 1);
			http.setConnectTimeout(TimeUnit.SECONDS.toMillis((long) Math.ceil(this.options.connectTimeoutSeconds())));
			http.addBean(new Connection.Listener() {
				@Override
				public void onOpened(Connection connection) {
					JettyRun.this.tcpConnections.incrementAndGet();
				}
			});
			WebSocketCoreClient client = new WebSocketCoreClient(http, null);
			client.start();
			this.clients.add(client);
		}
	}

	private BenchResult measure() throws Exception {
		boolean idle = this.options.mode() == BenchOptions.Mode.IDLE;
		ServerProcess server = (this.options.serverPid() > 0) ? new ServerProcess(this.options.serverPid()) : null;
		ServerProcess.Sample before = EchoBenchmark.sample(server);
		Payloads payloads = new Payloads(this.options.size(), this.options.binary());
		JettySocket.Window window = new JettySocket.Window();
		long connectFrom = System.nanoTime();
		List<JettySocket> sockets = connect(payloads, window,
				connectFrom + nanos(this.options.connectTimeoutSeconds()));
		long connectNanos = System.nanoTime() - connectFrom;
		long go = System.nanoTime() + EchoBenchmark.START_DELAY_NANOS;
		long measureFrom = go + (idle ? 0 : nanos(this.options.warmupSeconds()));
		long end = measureFrom + nanos(this.options.durationSeconds());
		window.open(measureFrom, end);
		if (!idle) {
			EchoBenchmark.sleepUntil(go);
			for (JettySocket socket : sockets) {
				socket.sendFirst(this.options.inflight());
			}
		}
		EchoBenchmark.sleepUntil(measureFrom);
		ServerProcess.Sample atStart = EchoBenchmark.sample(server);
		long cpuAtStart = EchoBenchmark.processCpuNanos();
		long wallAtStart = System.nanoTime();
		EchoBenchmark.sleepUntil(idle ? end - EchoBenchmark.IDLE_SAMPLE_LEAD_NANOS : end);
		ServerProcess.Sample atEnd = EchoBenchmark.sample(server);
		double clientCpu = 100.0 * (EchoBenchmark.processCpuNanos() - cpuAtStart)
				/ Math.max(1, System.nanoTime() - wallAtStart);
		window.stopSending();
		long drainBy = System.nanoTime() + (idle ? 0 : nanos(this.options.drainSeconds()));
		for (JettySocket socket : sockets) {
			socket.awaitDrained(drainBy);
		}
		long closeBy = System.nanoTime() + nanos(idle ? 3 : 1);
		for (JettySocket socket : sockets) {
			socket.close();
		}
		Tally total = new Tally();
		total.connectFailures = this.options.connections() - sockets.size();
		for (JettySocket socket : sockets) {
			socket.awaitClosed(closeBy);
			total.add(socket.finish());
		}
		total.opened = sockets.size();
		total.tcpConnections = this.tcpConnections.get();
		return new BenchResult(this.options, total, connectNanos / 1e9, nanos(this.options.durationSeconds()) / 1e9,
				clientCpu, before, atStart, atEnd, this.problems);
	}

	/**
	 * Opens every socket, {@code --connect-concurrency} handshakes at a time, round-robin
	 * over the clients; a socket counts once a ping of its own got its pong (Jetty's
	 * HTTP/2 WebSocket client, 12.1.10, now and then loses the first frame the server
	 * sends on a new stream, so a lost pong is pinged again).
	 */
	private List<JettySocket> connect(Payloads payloads, JettySocket.Window window, long deadline) throws Exception {
		Semaphore permits = new Semaphore(this.options.connectConcurrency());
		List<JettySocket> pending = new ArrayList<>();
		List<CompletableFuture<?>> upgrades = new ArrayList<>();
		URI uri = URI.create(this.options.target().toString());
		for (int id = 0; id < this.options.connections(); id++) {
			if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				problem("connect timeout: " + id + " of " + this.options.connections() + " handshakes started");
				break;
			}
			JettySocket socket = new JettySocket(id, payloads, this.options.binary(), window);
			WebSocketCoreClient client = this.clients.get(id % this.clients.size());
			CompletableFuture<?> upgrade = client.connect(CoreClientUpgradeRequest.from(client, uri, socket));
			upgrade.whenComplete((session, failure) -> permits.release());
			pending.add(socket);
			upgrades.add(upgrade);
		}
		List<JettySocket> open = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			try {
				upgrades.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				open.add(pending.get(i));
			}
			catch (Exception ex) {
				upgrades.get(i).cancel(true);
				problem("connect failed: " + ex);
			}
		}
		List<JettySocket> ready = new ArrayList<>();
		List<JettySocket> unready = open;
		for (int attempt = 0; attempt < READY_ATTEMPTS && !unready.isEmpty(); attempt++) {
			unready.forEach(JettySocket::ping);
			long bound = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
			List<JettySocket> still = new ArrayList<>();
			for (JettySocket socket : unready) {
				(socket.awaitReady(bound) ? ready : still).add(socket);
			}
			unready = still;
		}
		for (JettySocket socket : unready) {
			problem("no pong after " + READY_ATTEMPTS + " pings on socket " + socket.id());
			socket.close();
		}
		return ready;
	}

	private void problem(String problem) {
		if (this.problems.size() < 10) {
			this.problems.add(problem);
		}
	}

	private void stop() {
		for (WebSocketCoreClient client : this.clients) {
			try {
				client.stop();
			}
			catch (Exception ex) {
				problem("stopping the Jetty client: " + ex);
			}
		}
		try {
			this.scheduler.stop();
			this.threads.stop();
		}
		catch (Exception ex) {
			problem("stopping the Jetty threads: " + ex);
		}
	}

	private static long nanos(double seconds) {
		return EchoBenchmark.nanos(seconds);
	}

}
