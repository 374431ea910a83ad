package dev.wsecho.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's process as Linux shows it in {@code /proc/PID}: resident memory and CPU
 * time, read at the edges of the measured window (never during it).
 */
final class ServerProcess {

	/** {@code /proc} counts CPU time in USER_HZ ticks, 100 per second on Linux. */
	private static final double TICKS_PER_SECOND = 100;

	/** One reading; {@code rssKb} is -1 when the process could not be read. */
	record Sample(long rssKb, long hwmKb, long cpuTicks, long nanoTime) {

		static final Sample NONE = new Sample(-1, -1, -1, 0);

		boolean valid() {
			return this.rssKb >= 0;
		}

	}

	private final long pid;

	ServerProcess(long pid) {
		this.pid = pid;
	}

	static void requireReadable(long pid) {
		if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))) {
			throw new IllegalArgumentException(
					"--server-pid " + pid + ": no readable /proc/" + pid + "/status (no such process, or not Linux)");
		}
	}

	Sample sample() {
		try {
			long rss = -1;
			long hwm = -1;
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = kilobytes(line);
				}
				else if (line.startsWith("VmHWM:")) {
					hwm = kilobytes(line);
				}
			}
			String stat = Files.readString(Path.of("/proc", Long.toString(this.pid), "stat"));
			// Fields after the command name (which may hold spaces): utime and stime are
			// the 12th and 13th.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return new Sample(rss, hwm, ticks, System.nanoTime());
		}
		catch (IOException | RuntimeException ex) {
			return Sample.NONE;
		}
	}

	/**
	 * Server CPU between two samples, as a percentage of one core; -1 if either is
	 * missing.
	 */
	static double cpuPercent(Sample from, Sample to) {
		if (!from.valid() || !to.valid() || to.nanoTime() <= from.nanoTime()) {
			return -1;
		}
		return 100 * ((to.cpuTicks() - from.cpuTicks()) / TICKS_PER_SECOND) / ((to.nanoTime() - from.nanoTime()) / 1e9);
	}

	private static long kilobytes(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

}
