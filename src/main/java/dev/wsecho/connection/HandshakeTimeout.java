package dev.wsecho.connection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Owns the handshake timeout ({@code wsecho.limits.handshake-timeout}): a connection must
 * have sent a whole request head (the upgrade request, for a WebSocket) within the
 * timeout of being accepted, or it is closed without an answer.
 *
 * <p>
 * Jetty's idle timeout alone does not end a slowloris client: every byte it trickles
 * restarts that timeout, so a request sent a byte every few seconds holds its connection
 * for ever. This deadline counts from the accept instead, whatever arrives. A connection
 * kept alive after its first request is checked again every timeout: one whose next
 * request head has been arriving since the last check, and is still not whole, is closed
 * too, so a later request gets between one and two timeouts. A request whose head is
 * whole (a page, an SSE stream, a request body being read) is never cut, nor is a
 * connection that has become a WebSocket.
 */
@Component
class HandshakeTimeout implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private static final Log logger = LogFactory.getLog(HandshakeTimeout.class);

	private final long timeoutNanos;

	HandshakeTimeout(LimitsProperties limits) {
		this.timeoutNanos = limits.handshakeTimeout().toNanos();
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		if (this.timeoutNanos <= 0) {
			return;
		}
		factory.addServerCustomizers((server) -> {
			for (Connector connector : server.getConnectors()) {
				// Jetty gives every connection its connector's listeners when it creates
				// it.
				connector.addEventListener(new Watch(connector));
			}
		});
	}

	/** Starts the deadline of each HTTP/1 connection a connector accepts. */
	private final class Watch implements Connection.Listener {

		private final Connector connector;

		Watch(Connector connector) {
			this.connector = connector;
		}

		@Override
		public void onOpened(Connection connection) {
			if (connection instanceof HttpConnection http) {
				Deadline deadline = new Deadline(this.connector.getScheduler(), http);
				// Jetty closes the HTTP connection when it ends and when it is upgraded:
				// either way the deadline goes, rather than hold the connection until it
				// fires.
				http.addEventListener(deadline);
				deadline.schedule();
			}
		}

	}

	/**
	 * One connection's deadline, re-armed while it stays an HTTP connection and cancelled
	 * when it closes or becomes a WebSocket.
	 */
	private final class Deadline implements Runnable, Connection.Listener {

		private final Scheduler scheduler;

		private final HttpConnection connection;

		/**
		 * Requests whose head was whole at the last check; -1 before the first check,
		 * when even an idle connection has had its whole timeout to send one.
		 */
		private long requestsAtLastCheck = -1;

		private volatile Scheduler.@Nullable Task task;

		Deadline(Scheduler scheduler, HttpConnection connection) {
			this.scheduler = scheduler;
			this.connection = connection;
		}

		void schedule() {
			this.task = this.scheduler.schedule(this, HandshakeTimeout.this.timeoutNanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void onClosed(Connection connection) {
			Scheduler.Task task = this.task;
			if (task != null) {
				task.cancel();
			}
		}

		@Override
		public void run() {
			if (!this.connection.getEndPoint().isOpen()
					|| this.connection.getEndPoint().getConnection() != this.connection) {
				// Closed, or upgraded to a WebSocket: nothing left to watch.
				return;
			}
			HttpParser parser = this.connection.getParser();
			long requests = this.connection.getMessagesIn();
			if (late(parser, requests)) {
				if (logger.isDebugEnabled()) {
					logger.debug("Closing " + this.connection.getEndPoint().getRemoteSocketAddress()
							+ ": no whole request within " + Duration.ofNanos(HandshakeTimeout.this.timeoutNanos));
				}
				this.connection.getEndPoint().close();
				return;
			}
			this.requestsAtLastCheck = requests;
			schedule();
		}

		/**
		 * Whether the connection has had its time: no request head whole since it was
		 * accepted, or one that began before the last check still unfinished.
		 */
		private boolean late(HttpParser parser, long requests) {
			if (!parser.inHeaderState()) {
				return false;
			}
			if (this.requestsAtLastCheck < 0) {
				return requests == 0;
			}
			return !parser.isStart() && requests == this.requestsAtLastCheck;
		}

	}

}
