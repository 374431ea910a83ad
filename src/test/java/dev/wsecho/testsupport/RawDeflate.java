package dev.wsecho.testsupport;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Decodes a raw deflate stream (RFC 1951) as a {@code permessage-deflate} message carries
 * it, and tells the farthest back-reference in it: what shows that a compressor kept to
 * the window it agreed to, which no inflater checks (they all accept any distance up to
 * 32 KiB).
 */
public final class RawDeflate {

	private static final int[] LENGTH_BASE = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
			67, 83, 99, 115, 131, 163, 195, 227, 258 };

	private static final int[] LENGTH_EXTRA = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
			5, 5, 5, 5, 0 };

	private static final int[] DISTANCE_BASE = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
			513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };

	private static final int[] DISTANCE_EXTRA = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
			10, 11, 11, 12, 12, 13, 13 };

	private static final int[] CODE_LENGTH_ORDER = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

	private final byte[] in;

	private int position;

	private int bitBuffer;

	private int bitCount;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private byte[] window = new byte[0];

	private int farthest;

	private RawDeflate(byte[] in) {
		this.in = in;
	}

	/**
	 * What a stream decodes to, and its farthest back-reference in bytes (0 for none).
	 */
	public record Decoded(byte[] data, int farthestReference) {
	}

	/**
	 * Decodes a message's payload as RFC 7692 sends it: the {@code 00 00 ff ff} its
	 * sender dropped is put back first.
	 */
	public static Decoded inflateMessage(byte[] payload) {
		byte[] stream = Arrays.copyOf(payload, payload.length + 4);
		stream[payload.length + 2] = (byte) 0xFF;
		stream[payload.length + 3] = (byte) 0xFF;
		RawDeflate decoder = new RawDeflate(stream);
		decoder.blocks();
		return new Decoded(decoder.out.toByteArray(), decoder.farthest);
	}

	private void blocks() {
		boolean last = false;
		while (!last && (this.position < this.in.length || this.bitCount >= 3)) {
			last = bits(1) == 1;
			switch (bits(2)) {
				case 0 -> stored();
				case 1 -> codes(fixedLiterals(), fixedDistances());
				case 2 -> dynamic();
				default -> throw new IllegalArgumentException("Invalid block type");
			}
		}
	}

	private int bits(int need) {
		while (this.bitCount < need) {
			if (this.position >= this.in.length) {
				throw new IllegalArgumentException("Stream ends inside a block");
			}
			this.bitBuffer |= (this.in[this.position++] & 0xFF) << this.bitCount;
			this.bitCount += 8;
		}
		int value = this.bitBuffer & ((1 << need) - 1);
		this.bitBuffer >>>= need;
		this.bitCount -= need;
		return value;
	}

	private void stored() {
		this.bitBuffer = 0;
		this.bitCount = 0;
		int length = (this.in[this.position] & 0xFF) | ((this.in[this.position + 1] & 0xFF) << 8);
		int complement = (this.in[this.position + 2] & 0xFF) | ((this.in[this.position + 3] & 0xFF) << 8);
		if (length != (~complement & 0xFFFF)) {
			throw new IllegalArgumentException("Stored block length does not match its complement");
		}
		this.position += 4;
		for (int i = 0; i < length; i++) {
			emit(this.in[this.position++]);
		}
	}

	private void dynamic() {
		int literals = bits(5) + 257;
		int distances = bits(5) + 1;
		int codeLengthCodes = bits(4) + 4;
		int[] codeLengths = new int[19];
		for (int i = 0; i < codeLengthCodes; i++) {
			codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
		}
		Huffman codeLengthCode = new Huffman(codeLengths);
		int[] lengths = new int[literals + distances];
		for (int i = 0; i < lengths.length;) {
			int symbol = decode(codeLengthCode);
			if (symbol < 16) {
				lengths[i++] = symbol;
				continue;
			}
			int repeat;
			int value = 0;
			if (symbol == 16) {
				value = lengths[i - 1];
				repeat = 3 + bits(2);
			}
			else if (symbol == 17) {
				repeat = 3 + bits(3);
			}
			else {
				repeat = 11 + bits(7);
			}
			for (int j = 0; j < repeat; j++) {
				lengths[i++] = value;
			}
		}
		codes(new Huffman(Arrays.copyOfRange(lengths, 0, literals)),
				new Huffman(Arrays.copyOfRange(lengths, literals, lengths.length)));
	}

	private void codes(Huffman literals, Huffman distances) {
		for (int symbol = decode(literals); symbol != 256; symbol = decode(literals)) {
			if (symbol < 256) {
				emit((byte) symbol);
				continue;
			}
			int length = LENGTH_BASE[symbol - 257] + bits(LENGTH_EXTRA[symbol - 257]);
			int code = decode(distances);
			int distance = DISTANCE_BASE[code] + bits(DISTANCE_EXTRA[code]);
			int size = this.out.size();
			if (distance > size) {
				throw new IllegalArgumentException("Reference " + distance + " back, before the stream began");
			}
			this.farthest = Math.max(this.farthest, distance);
			for (int i = 0; i < length; i++) {
				emit(this.window[this.out.size() - distance]);
			}
		}
	}

	private void emit(byte b) {
		if (this.out.size() == this.window.length) {
			this.window = Arrays.copyOf(this.window, Math.max(1024, this.window.length * 2));
		}
		this.window[this.out.size()] = b;
		this.out.write(b);
	}

	private int decode(Huffman huffman) {
		int code = 0;
		int first = 0;
		int index = 0;
		for (int length = 1; length < 16; length++) {
			code |= bits(1);
			int count = huffman.counts[length];
			if (code - count < first) {
				return huffman.symbols[index + (code - first)];
			}
			index += count;
			first += count;
			first <<= 1;
			code <<= 1;
		}
		throw new IllegalArgumentException("Invalid Huffman code");
	}

	private static Huffman fixedLiterals() {
		int[] lengths = new int[288];
		Arrays.fill(lengths, 0, 144, 8);
		Arrays.fill(lengths, 144, 256, 9);
		Arrays.fill(lengths, 256, 280, 7);
		Arrays.fill(lengths, 280, 288, 8);
		return new Huffman(lengths);
	}

	private static Huffman fixedDistances() {
		int[] lengths = new int[30];
		Arrays.fill(lengths, 5);
		return new Huffman(lengths);
	}

	/**
	 * A canonical Huffman code: how many codes of each length, and the symbols in order.
	 */
	private static final class Huffman {

		private final int[] counts = new int[16];

		private final int[] symbols;

		Huffman(int[] lengths) {
			this.symbols = new int[lengths.length];
			for (int length : lengths) {
				this.counts[length]++;
			}
			this.counts[0] = 0;
			int[] offsets = new int[16];
			for (int length = 1; length < 15; length++) {
				offsets[length + 1] = offsets[length] + this.counts[length];
			}
			for (int symbol = 0; symbol < lengths.length; symbol++) {
				if (lengths[symbol] != 0) {
					this.symbols[offsets[lengths[symbol]]++] = symbol;
				}
			}
		}

	}

}
