package dev.wsecho.bench;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One blocking connection that speaks WebSocket by hand, for the hostile clients: it
 * sends what it is told (any frame, any handshake, a byte at a time) and reads what comes
 * back; every read is bounded by the socket timeout.
 */
final class RawSocket implements Closeable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final LoopbackTarget target;

	private RawSocket(Socket socket, LoopbackTarget target) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024));
		this.out = socket.getOutputStream();
		this.target = target;
	}

	/**
	 * Connects from {@code from} (any of 127.0.0.0/8 on Linux); {@code receiveBuffer} 0
	 * keeps the kernel's default.
	 */
	static RawSocket open(LoopbackTarget target, InetAddress from, int timeoutMillis, int receiveBuffer)
			throws IOException {
		Socket socket = new Socket();
		if (receiveBuffer > 0) {
			socket.setReceiveBufferSize(receiveBuffer);
		}
		socket.bind(new InetSocketAddress(from, 0));
		socket.connect(target.address(), timeoutMillis);
		socket.setSoTimeout(timeoutMillis);
		socket.setTcpNoDelay(true);
		return new RawSocket(socket, target);
	}

	/** The upgrade request for the target, with {@code extra} headers added. */
	byte[] upgradeRequest(Map<String, String> extra) {
		StringBuilder request = new StringBuilder("GET " + this.target.path() + " HTTP/1.1\r\n");
		request.append("Host: ").append(this.target.hostHeader()).append("\r\n");
		request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		request.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
		extra.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Sends the upgrade request and reads the answer's head; returns its status (101 when
	 * upgraded).
	 */
	int upgrade(Map<String, String> extra) throws IOException {
		write(upgradeRequest(extra));
		return readStatus();
	}

	/** Reads a response head, returning its status; the body (if any) is left unread. */
	int readStatus() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		// The head ends at the first CR LF CR LF: the last four bytes read, as one int.
		for (int lastFour = 0; lastFour != 0x0D0A0D0A;) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("connection ended in the response head");
			}
			head.write(b);
			lastFour = (lastFour << 8) | b;
		}
		return Integer.parseInt(head.toString(StandardCharsets.ISO_8859_1).split(" ", 3)[1]);
	}

	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	void write(int oneByte) throws IOException {
		this.out.write(oneByte);
		this.out.flush();
	}

	/** One masked client frame; {@code rsv} as in the header's bits 4–6 (4 is RSV1). */
	static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >>> shift));
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask, 0, 4);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i & 3]);
		}
		return frame.toByteArray();
	}

	/** The next frame from the server. */
	Frame read() throws IOException {
		int first = this.in.readUnsignedByte();
		int shortLength = this.in.readUnsignedByte() & 0x7F;
		long length = switch (shortLength) {
			case 126 -> this.in.readUnsignedShort();
			case 127 -> this.in.readLong();
			default -> shortLength;
		};
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame((first & 0x80) != 0, first & 0x0F, payload);
	}

	/**
	 * Reads until the server's close frame or the end of the connection; returns the
	 * close code, 1006 when the connection ended without one (or was reset).
	 */
	int readUntilClose() throws IOException {
		try {
			while (true) {
				Frame frame = read();
				if (frame.opcode() == ClientFrames.CLOSE) {
					return frame.closeCode();
				}
			}
		}
		catch (EOFException | java.net.SocketException ex) {
			return 1006;
		}
	}

	/**
	 * Reads and discards until the server ends the connection (EOF or reset); throws when
	 * the socket timeout passes first.
	 */
	void awaitEnd() throws IOException {
		InputStream stream = this.in;
		byte[] sink = new byte[8192];
		try {
			while (stream.read(sink) >= 0) {
				// Discard.
			}
		}
		catch (java.net.SocketException ex) {
			// Reset: ended too.
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	/** One frame as received. */
	record Frame(boolean fin, int opcode, byte[] payload) {

		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

	}

}
