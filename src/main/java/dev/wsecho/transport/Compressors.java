package dev.wsecho.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Inflater;

import org.jspecify.annotations.Nullable;

/**
 * The compressors and inflaters of every {@code permessage-deflate} connection, shared:
 * at most {@link DeflateSettings#maxCompressors()} compressors exist at once, and idle
 * ones (32 KiB window) and inflaters are kept for the next message, up to that many each.
 *
 * <p>
 * A connection without context takeover borrows a compressor for one message and an
 * inflater for one received message, so an idle connection holds neither; the pool's few
 * idle ones are shared by all connections.
 */
public final class Compressors {

	private final DeflateSettings settings;

	private final AtomicInteger compressors = new AtomicInteger();

	private final Queue<Compressor> idleCompressors = new ConcurrentLinkedQueue<>();

	private final Queue<Inflater> idleInflaters = new ConcurrentLinkedQueue<>();

	private final AtomicInteger idleInflaterCount = new AtomicInteger();

	public Compressors(DeflateSettings settings) {
		this.settings = settings;
	}

	public DeflateSettings settings() {
		return this.settings;
	}

	/**
	 * A compressor with a window of {@code windowBits}, or null when
	 * {@link DeflateSettings#maxCompressors()} are in use: the message then goes
	 * uncompressed, as RFC 7692 allows for any message.
	 */
	@Nullable Compressor borrowCompressor(int windowBits) {
		if (this.compressors.incrementAndGet() > this.settings.maxCompressors()) {
			this.compressors.decrementAndGet();
			return null;
		}
		if (windowBits == DeflateSettings.MAX_WINDOW_BITS) {
			Compressor idle = this.idleCompressors.poll();
			return (idle != null) ? idle : new JdkCompressor(this.settings.level());
		}
		return new WindowedCompressor(this.settings.level(), windowBits);
	}

	/** Gives back a compressor; its stream starts afresh for whoever borrows it next. */
	void giveBack(Compressor compressor) {
		if (compressor instanceof JdkCompressor) {
			compressor.reset();
			// Never more idle than may exist at once, so this queue stays bounded.
			this.idleCompressors.offer(compressor);
		}
		else {
			// Sized by a client's window and cheap to make: not worth keeping.
			compressor.end();
		}
		this.compressors.decrementAndGet();
	}

	/**
	 * An inflater for a received message: never refused (the message is already on its
	 * way), it accepts any window up to 32 KiB.
	 */
	Inflater borrowInflater() {
		Inflater idle = this.idleInflaters.poll();
		if (idle != null) {
			this.idleInflaterCount.decrementAndGet();
			return idle;
		}
		return new Inflater(true);
	}

	/**
	 * Gives back an inflater: kept for the next message, or freed when enough are kept.
	 */
	void giveBack(Inflater inflater) {
		if (this.idleInflaterCount.incrementAndGet() > this.settings.maxCompressors()) {
			this.idleInflaterCount.decrementAndGet();
			inflater.end();
			return;
		}
		inflater.reset();
		this.idleInflaters.offer(inflater);
	}

	/** Compressors lent out now. */
	int compressorsInUse() {
		return this.compressors.get();
	}

}
