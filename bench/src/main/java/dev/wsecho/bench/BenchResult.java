package dev.wsecho.bench;

import java.util.List;

/**
 * The figures of one run: the time taken to open the connections, rates and latency
 * percentiles over the measured window, every error counted, and the server's memory and
 * CPU when its PID was given.
 */
record BenchResult(BenchOptions options, Tally tally, double connectSeconds, double windowSeconds,
		double clientCpuPercent, ServerProcess.Sample serverBefore, ServerProcess.Sample serverAtStart,
		ServerProcess.Sample serverAtEnd, List<String> problems) {

	long messages() {
		return this.tally.echoedInWindow;
	}

	double messagesPerSecond() {
		return (this.windowSeconds > 0) ? messages() / this.windowSeconds : 0;
	}

	/** Churn: sessions ended cleanly per second of the window. */
	double sessionsPerSecond() {
		return (this.windowSeconds > 0) ? this.tally.sessions / this.windowSeconds : 0;
	}

	/** Echoed payload per second, one direction, in 10^6 bytes. */
	double megabytesPerSecond() {
		return messagesPerSecond() * this.options.size() / 1e6;
	}

	double percentileMicros(double q) {
		return this.tally.latencies.percentileNanos(q) / 1e3;
	}

	double meanMicros() {
		return this.tally.latencies.meanNanos() / 1e3;
	}

	double maxMicros() {
		return this.tally.latencies.maxNanos() / 1e3;
	}

	long mismatches() {
		return this.tally.mismatches;
	}

	long errors() {
		return this.tally.errors();
	}

	/** Exit status 0 only for a run with every echo right and nothing failed. */
	boolean passed() {
		return mismatches() == 0 && errors() == 0;
	}

	double serverCpuPercent() {
		return ServerProcess.cpuPercent(this.serverAtStart, this.serverAtEnd);
	}

	/**
	 * Idle mode: (server RSS with the connections open − RSS before) / connections; -1 if
	 * unknown.
	 */
	long rssPerConnectionBytes() {
		if (!this.serverBefore.valid() || !this.serverAtEnd.valid() || this.tally.opened == 0) {
			return -1;
		}
		return (this.serverAtEnd.rssKb() - this.serverBefore.rssKb()) * 1024 / this.tally.opened;
	}

}
