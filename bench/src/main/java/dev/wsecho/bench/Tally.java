package dev.wsecho.bench;

/**
 * What one event loop counted: echoes, their latencies inside the measured window, and
 * every way a message or a connection went wrong. Written by one thread, added up after
 * the run.
 */
final class Tally {

	final LatencyHistogram latencies = new LatencyHistogram();

	/** Churn: connect start to 101 received, for handshakes answered in the window. */
	final LatencyHistogram handshakes = new LatencyHistogram();

	/**
	 * Churn: connect start to the server's close frame, for sessions ended in the window.
	 */
	final LatencyHistogram sessionTimes = new LatencyHistogram();

	/** Churn: sessions ended cleanly inside the measured window. */
	long sessions;

	/** Churn: sessions that did not end with the server's close frame, for any reason. */
	long sessionsFailed;

	/** Churn: the server ended TCP without answering the close frame. */
	long uncleanCloses;

	/** Churn: the server answered the close with a code other than 1000. */
	long badCloses;

	/** Echoes received at any time (warm-up and drain included). */
	long echoed;

	/** Echoes received inside the measured window. */
	long echoedInWindow;

	long sent;

	/** Echoes whose payload, type or length differed from what was sent. */
	long mismatches;

	/** Messages from the server when none was outstanding. */
	long unsolicited;

	long connectFailures;

	long ioErrors;

	long protocolErrors;

	/** Connections the server closed while the benchmark was still using them. */
	long peerClosed;

	/**
	 * Messages sent whose echo never came (connection lost, or still missing after the
	 * drain).
	 */
	long lost;

	/**
	 * Open loop: sends skipped because a connection already had its most messages in
	 * flight.
	 */
	long skipped;

	long opened;

	/**
	 * TCP connections the Jetty client opened (with HTTP/2, fewer than the WebSockets); 0
	 * for our own client.
	 */
	long tcpConnections;

	long errors() {
		return this.connectFailures + this.ioErrors + this.protocolErrors + this.peerClosed + this.lost
				+ this.unsolicited + this.uncleanCloses + this.badCloses;
	}

	void add(Tally other) {
		this.latencies.add(other.latencies);
		this.handshakes.add(other.handshakes);
		this.sessionTimes.add(other.sessionTimes);
		this.sessions += other.sessions;
		this.sessionsFailed += other.sessionsFailed;
		this.uncleanCloses += other.uncleanCloses;
		this.badCloses += other.badCloses;
		this.echoed += other.echoed;
		this.echoedInWindow += other.echoedInWindow;
		this.sent += other.sent;
		this.mismatches += other.mismatches;
		this.unsolicited += other.unsolicited;
		this.connectFailures += other.connectFailures;
		this.ioErrors += other.ioErrors;
		this.protocolErrors += other.protocolErrors;
		this.peerClosed += other.peerClosed;
		this.lost += other.lost;
		this.skipped += other.skipped;
		this.opened += other.opened;
		this.tcpConnections += other.tcpConnections;
	}

}
