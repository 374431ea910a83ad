package dev.wsecho.transport;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.AbstractExtension;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.eclipse.jetty.websocket.core.util.DemandChain;
import org.eclipse.jetty.websocket.core.util.WebSocketDemander;
import org.eclipse.jetty.websocket.core.util.WebSocketFlusher;
import org.jspecify.annotations.Nullable;

/**
 * {@code permessage-deflate} (RFC 7692) on one connection, as its handshake agreed
 * ({@link DeflateAgreement}): compresses the messages it sends within the agreed window
 * and inflates the compressed messages it receives, both in parts of at most 32 KiB.
 *
 * <p>
 * Without context takeover it holds a compressor and an inflater only while a message is
 * on its way, borrowed from the shared {@link Compressors}; an idle connection holds
 * neither. When every compressor is busy, a message goes uncompressed (RSV1 clear), which
 * RFC 7692 allows for any message. Incoming parts are inflated only as the application
 * asks for them, so a small message that inflates to far more than the message limit is
 * stopped by that limit after one part.
 */
final class PerMessageDeflate extends AbstractExtension implements DemandChain {

	/** What a sync flush ends with; RFC 7692 drops it from the end of each message. */
	private static final byte[] TAIL = { 0x00, 0x00, (byte) 0xFF, (byte) 0xFF };

	private static final int PART_SIZE = 32 * 1024;

	private final Compressors compressors;

	private final Outgoing outgoing = new Outgoing();

	private final Incoming incoming = new Incoming();

	private DeflateAgreement agreement;

	PerMessageDeflate(Compressors compressors) {
		this.compressors = compressors;
		this.agreement = new DeflateAgreement(compressors.settings().windowBits(), false, false, false);
	}

	@Override
	public String getName() {
		return DeflateAgreement.NAME;
	}

	@Override
	public boolean isRsv1User() {
		return true;
	}

	/**
	 * Takes the answer that {@link DeflateNegotiation} made as this connection's
	 * parameters; the answer is what goes back to the client.
	 */
	@Override
	public void init(ExtensionConfig answer, WebSocketComponents components) {
		this.agreement = DeflateAgreement.of(answer, this.compressors.settings().windowBits());
		super.init(answer, components);
	}

	DeflateAgreement agreement() {
		return this.agreement;
	}

	@Override
	public void sendFrame(OutgoingEntry entry) {
		this.outgoing.sendFrame(entry);
	}

	@Override
	public void onFrame(Frame frame, Callback callback) {
		this.incoming.onFrame(frame, callback);
	}

	@Override
	public void setNextDemand(DemandChain nextDemand) {
		this.incoming.setNextDemand(nextDemand);
	}

	@Override
	public void demand() {
		this.incoming.demand();
	}

	@Override
	public void close() {
		// Each side gives back what it holds once it has stopped (onCompleteFailure).
		this.incoming.closeFlusher();
		this.outgoing.closeFlusher();
	}

	/** A buffer of the connection's pool to fill, in flush mode, empty. */
	private RetainableByteBuffer part() {
		RetainableByteBuffer buffer = getByteBufferPool().acquire(PART_SIZE, false);
		buffer.clear();
		return buffer;
	}

	/** Compresses sent messages, a part at a time, one entry after the other. */
	private final class Outgoing extends WebSocketFlusher {

		private @Nullable Compressor compressor;

		/** Whether the message being sent is compressed. */
		private boolean compressing;

		/** Whether a part of the message being sent has gone out. */
		private boolean continuing;

		/**
		 * The last bytes of a full part of a message's final frame: held back in case
		 * they are the start of the tail that must be dropped.
		 */
		private final byte[] carry = new byte[TAIL.length];

		private int carried;

		@Override
		protected boolean onFrame(OutgoingEntry entry, boolean first) {
			Frame frame = entry.getFrame();
			if (first) {
				if (frame.isControlFrame()) {
					nextOutgoingFrame(entry);
					return true;
				}
				if (frame.getOpCode() != OpCode.CONTINUATION) {
					this.compressing = borrow();
					this.continuing = false;
					this.carried = 0;
				}
				if (!this.compressing) {
					nextOutgoingFrame(entry);
					return true;
				}
				compressor().setInput(frame.getPayload());
			}
			return deflate(entry, frame);
		}

		private boolean borrow() {
			if (this.compressor == null) {
				this.compressor = PerMessageDeflate.this.compressors
					.borrowCompressor(PerMessageDeflate.this.agreement.serverWindowBits());
			}
			return this.compressor != null;
		}

		private Compressor compressor() {
			Compressor compressor = this.compressor;
			if (compressor == null) {
				throw new IllegalStateException("No compressor for a compressed message");
			}
			return compressor;
		}

		/** Sends the next part; true once the entry's payload is all out. */
		private boolean deflate(OutgoingEntry entry, Frame frame) {
			RetainableByteBuffer buffer = part();
			ByteBuffer out = buffer.getByteBuffer();
			byte[] array = out.array();
			int base = out.arrayOffset();
			int capacity = out.capacity();
			System.arraycopy(this.carry, 0, array, base, this.carried);
			int length = this.carried;
			this.carried = 0;
			Compressor compressor = compressor();
			int written;
			do {
				written = compressor.compress(array, base + length, capacity - length);
				length += written;
			}
			while (written > 0 && length < capacity);
			boolean done = length < capacity;
			boolean fin = frame.isFin() && done;
			if (frame.isFin() && !done) {
				this.carried = TAIL.length;
				length -= TAIL.length;
				System.arraycopy(array, base + length, this.carry, 0, TAIL.length);
			}
			if (fin) {
				if (endsWithTail(array, base, length)) {
					length -= TAIL.length;
				}
				if (length == 0 && !this.continuing) {
					// RFC 7692 section 7.2.3.6: an empty message is one empty block.
					// After earlier parts an empty final part is right: the tail
					// completes them.
					array[base] = 0x00;
					length = 1;
				}
				if (!PerMessageDeflate.this.agreement.serverContextTakeover()) {
					giveBack();
				}
			}
			out.limit(length);
			Frame part = new Frame(this.continuing ? OpCode.CONTINUATION : frame.getOpCode(), fin, out);
			part.setRsv1(!this.continuing);
			this.continuing = true;
			nextOutgoingFrame(new OutgoingEntry.Builder(entry).frame(part)
				.callback(Callback.from(entry.getCallback(), buffer::release))
				.build());
			return done;
		}

		private void giveBack() {
			Compressor compressor = this.compressor;
			if (compressor != null) {
				this.compressor = null;
				PerMessageDeflate.this.compressors.giveBack(compressor);
			}
		}

		@Override
		protected void onCompleteFailure(Throwable cause) {
			giveBack();
		}

	}

	/** Inflates received messages, a part at a time, as the application demands them. */
	private final class Incoming extends WebSocketDemander {

		private @Nullable Inflater inflater;

		/** Whether the message being received is compressed. */
		private boolean inflating;

		/** Whether a part of the message being received has gone up. */
		private boolean continuing;

		private byte opCode;

		/** Whether the tail RFC 7692 drops has been given back to the inflater. */
		private boolean tailGiven;

		Incoming() {
			super(PerMessageDeflate.this::nextIncomingFrame);
		}

		@Override
		protected boolean handle(Frame frame, Callback callback, boolean first) {
			if (first) {
				if (frame.isControlFrame()) {
					emitFrame(frame, callback);
					return true;
				}
				if (frame.getOpCode() == OpCode.CONTINUATION) {
					if (frame.isRsv1()) {
						throw new ProtocolException("RSV1 set on a continuation frame");
					}
				}
				else {
					this.inflating = frame.isRsv1();
					this.continuing = false;
					this.opCode = frame.getOpCode();
				}
				if (!this.inflating) {
					emitFrame(frame, callback);
					return true;
				}
				inflater().setInput(frame.getPayload().slice());
				this.tailGiven = false;
			}
			try {
				return inflate(frame, callback);
			}
			catch (DataFormatException ex) {
				throw new BadPayloadException(ex);
			}
		}

		private Inflater inflater() {
			Inflater inflater = this.inflater;
			if (inflater == null) {
				inflater = PerMessageDeflate.this.compressors.borrowInflater();
				this.inflater = inflater;
			}
			return inflater;
		}

		/** Hands up the next part; true once the frame's payload is all inflated. */
		private boolean inflate(Frame frame, Callback callback) throws DataFormatException {
			Inflater inflater = inflater();
			RetainableByteBuffer buffer = part();
			ByteBuffer out = buffer.getByteBuffer();
			byte[] array = out.array();
			int base = out.arrayOffset();
			int capacity = out.capacity();
			int length = 0;
			while (length < capacity) {
				int inflated = inflater.inflate(array, base + length, capacity - length);
				length += inflated;
				if (inflated == 0) {
					if (inflater.needsInput() && frame.isFin() && !this.tailGiven) {
						inflater.setInput(TAIL);
						this.tailGiven = true;
						continue;
					}
					break;
				}
			}
			boolean done = length < capacity;
			boolean fin = frame.isFin() && done;
			if (fin) {
				this.inflating = false;
				if (!PerMessageDeflate.this.agreement.clientContextTakeover() || inflater.finished()) {
					giveBack();
				}
			}
			if (done && !fin && length == 0) {
				buffer.release();
				callback.succeeded();
				return true;
			}
			out.limit(length);
			Frame part = new Frame(this.continuing ? OpCode.CONTINUATION : this.opCode, fin, out);
			this.continuing = true;
			emitFrame(part, Callback.from(() -> {
				buffer.release();
				if (done) {
					callback.succeeded();
				}
			}, (failure) -> {
				buffer.release();
				callback.failed(failure);
			}));
			return done;
		}

		private void giveBack() {
			Inflater inflater = this.inflater;
			if (inflater != null) {
				this.inflater = null;
				PerMessageDeflate.this.compressors.giveBack(inflater);
			}
		}

		@Override
		protected void onCompleteFailure(Throwable cause) {
			super.onCompleteFailure(cause);
			giveBack();
		}

	}

	private static boolean endsWithTail(byte[] array, int offset, int length) {
		if (length < TAIL.length) {
			return false;
		}
		for (int i = 0; i < TAIL.length; i++) {
			if (array[offset + length - TAIL.length + i] != TAIL[i]) {
				return false;
			}
		}
		return true;
	}

}
