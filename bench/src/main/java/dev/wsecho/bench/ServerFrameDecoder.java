package dev.wsecho.bench;

import java.nio.ByteBuffer;

/**
 * Parses the frames a server sends, as they arrive in pieces: data messages (text or
 * binary, possibly split into continuation frames) and control frames, rejecting what RFC
 * 6455 forbids of a server (masked frames, reserved bits or opcodes, fragmented or long
 * control frames, continuations out of place).
 */
final class ServerFrameDecoder {

	/** What the decoder found; each call is in the order the bytes arrived. */
	interface Listener {

		/** A text ({@code 1}) or binary ({@code 2}) message begins. */
		void onMessageStart(int opcode);

		/**
		 * Payload bytes {@code buffer[position, position + length)} of the current
		 * message.
		 */
		void onMessageData(ByteBuffer buffer, int position, int length);

		void onMessageEnd();

		/**
		 * A whole ping, pong or close frame; {@code payload} is reused by the next one.
		 */
		void onControl(int opcode, byte[] payload, int length);

	}

	/** The server broke the protocol; the connection is beyond saving. */
	static final class ProtocolViolation extends Exception {

		ProtocolViolation(String message) {
			super(message);
		}

	}

	private final Listener listener;

	private final byte[] header = new byte[10];

	private int headerLength;

	private boolean inPayload;

	private boolean inMessage;

	private int opcode;

	private boolean fin;

	private long remaining;

	private final byte[] control = new byte[125];

	private int controlLength;

	ServerFrameDecoder(Listener listener) {
		this.listener = listener;
	}

	/** Consumes every remaining byte of {@code in}. */
	void decode(ByteBuffer in) throws ProtocolViolation {
		while (in.hasRemaining()) {
			if (!this.inPayload && !readHeader(in)) {
				return;
			}
			int take = (int) Math.min(in.remaining(), this.remaining);
			if (take > 0) {
				int position = in.position();
				if (this.opcode >= ClientFrames.CLOSE) {
					in.get(this.control, this.controlLength, take);
					this.controlLength += take;
				}
				else {
					this.listener.onMessageData(in, position, take);
					in.position(position + take);
				}
				this.remaining -= take;
			}
			if (this.remaining == 0) {
				this.inPayload = false;
				frameDone();
			}
		}
	}

	private boolean readHeader(ByteBuffer in) throws ProtocolViolation {
		int need = 2;
		while (true) {
			if (this.headerLength >= 2) {
				if ((this.header[1] & 0x80) != 0) {
					throw new ProtocolViolation("masked frame from the server");
				}
				int length7 = this.header[1] & 0x7F;
				need = 2 + ((length7 == 126) ? 2 : (length7 == 127) ? 8 : 0);
			}
			if (this.headerLength >= need) {
				break;
			}
			if (!in.hasRemaining()) {
				return false;
			}
			this.header[this.headerLength++] = in.get();
		}
		this.headerLength = 0;
		int b0 = this.header[0] & 0xFF;
		int length7 = this.header[1] & 0x7F;
		long length = length7;
		if (length7 == 126) {
			length = ((this.header[2] & 0xFF) << 8) | (this.header[3] & 0xFF);
		}
		else if (length7 == 127) {
			length = 0;
			for (int i = 2; i < 10; i++) {
				length = (length << 8) | (this.header[i] & 0xFF);
			}
			if (length < 0) {
				throw new ProtocolViolation("64-bit length with the top bit set");
			}
		}
		if ((b0 & 0x70) != 0) {
			throw new ProtocolViolation("reserved bits set (no extension was negotiated)");
		}
		int op = b0 & 0x0F;
		boolean finalFrame = (b0 & 0x80) != 0;
		if (op >= ClientFrames.CLOSE) {
			if (op > ClientFrames.PONG) {
				throw new ProtocolViolation("reserved control opcode " + op);
			}
			if (!finalFrame || length > 125) {
				throw new ProtocolViolation("fragmented or over-long control frame");
			}
			this.controlLength = 0;
		}
		else if (op == ClientFrames.TEXT || op == ClientFrames.BINARY) {
			if (this.inMessage) {
				throw new ProtocolViolation("new message before the previous one ended");
			}
			this.inMessage = true;
			this.listener.onMessageStart(op);
		}
		else if (op == ClientFrames.CONTINUATION) {
			if (!this.inMessage) {
				throw new ProtocolViolation("continuation frame outside a message");
			}
		}
		else {
			throw new ProtocolViolation("reserved data opcode " + op);
		}
		this.opcode = op;
		this.fin = finalFrame;
		this.remaining = length;
		this.inPayload = true;
		return true;
	}

	private void frameDone() {
		if (this.opcode >= ClientFrames.CLOSE) {
			this.listener.onControl(this.opcode, this.control, this.controlLength);
		}
		else if (this.fin) {
			this.inMessage = false;
			this.listener.onMessageEnd();
		}
	}

}
