package dev.wsecho.transport;

import java.nio.ByteBuffer;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.GZIPException;
import com.jcraft.jzlib.JZlib;

/**
 * A compressor with a window under 32 KiB, on JZlib (zlib ported to Java): what a
 * client's {@code server_max_window_bits} below 15 asks for, which the JDK's zlib cannot
 * do. Its memory is on the heap and sized by the window: the hash table shrinks with it,
 * about 4 KB at 9 bits and 130 KB at 14.
 */
final class WindowedCompressor implements Compressor {

	private final int level;

	private final int windowBits;

	private Deflater deflater;

	WindowedCompressor(int level, int windowBits) {
		this.level = level;
		this.windowBits = windowBits;
		this.deflater = newDeflater();
	}

	private Deflater newDeflater() {
		try {
			// zlib's memLevel sets the hash table; one of 2^(windowBits - 7) entries
			// keeps
			// it in step with the window, as zlib's default (8 for 15) does.
			int memLevel = Math.max(1, Math.min(8, this.windowBits - 7));
			return new Deflater(this.level, this.windowBits, memLevel, JZlib.WrapperType.NONE);
		}
		catch (GZIPException ex) {
			throw new IllegalStateException("JZlib refused window bits " + this.windowBits, ex);
		}
	}

	@Override
	public void setInput(ByteBuffer input) {
		if (input.hasArray()) {
			this.deflater.setInput(input.array(), input.arrayOffset() + input.position(), input.remaining(), false);
		}
		else {
			byte[] copy = new byte[input.remaining()];
			input.slice().get(copy);
			this.deflater.setInput(copy, 0, copy.length, false);
		}
	}

	@Override
	public int compress(byte[] out, int offset, int length) {
		this.deflater.setOutput(out, offset, length);
		int status = this.deflater.deflate(JZlib.Z_SYNC_FLUSH);
		if (status != JZlib.Z_OK && status != JZlib.Z_BUF_ERROR) {
			throw new IllegalStateException("JZlib deflate failed: " + status + " " + this.deflater.msg);
		}
		return this.deflater.next_out_index - offset;
	}

	@Override
	public int windowBits() {
		return this.windowBits;
	}

	@Override
	public void reset() {
		// JZlib has no public reset: a new stream costs what this one did.
		this.deflater.end();
		this.deflater = newDeflater();
	}

	@Override
	public void end() {
		this.deflater.end();
	}

}
