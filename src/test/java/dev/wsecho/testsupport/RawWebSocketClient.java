package dev.wsecho.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client written against the wire, for tests that must send what no
 * well-behaved client would (bad opcodes, reserved bits, invalid UTF-8, odd close codes)
 * and see every frame the server sends back. Every read is bounded by a socket timeout.
 */
public final class RawWebSocketClient implements AutoCloseable {

	public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private RawWebSocketClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connects and completes the opening handshake, failing unless the server answers
	 * 101.
	 */
	public static RawWebSocketClient connect(int port, String path) throws IOException {
		return upgrade(open(port), path, Map.of());
	}

	/**
	 * Connects with kernel send and receive buffers of about {@code socketBufferSize}
	 * bytes each, so that a test can tell how much a server that stops reading lets a
	 * client write.
	 */
	public static RawWebSocketClient connect(int port, String path, int socketBufferSize) throws IOException {
		return connect(port, path, socketBufferSize, Map.of());
	}

	/**
	 * As {@link #connect(int, String, int)}, with extra handshake headers (a subprotocol,
	 * say).
	 */
	public static RawWebSocketClient connect(int port, String path, int socketBufferSize, Map<String, String> headers)
			throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(socketBufferSize);
		socket.setSendBufferSize(socketBufferSize);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 20_000);
		return upgrade(configure(socket), path, headers);
	}

	private static RawWebSocketClient upgrade(RawWebSocketClient client, String path, Map<String, String> headers)
			throws IOException {
		HandshakeResponse response = client.handshake(path, headers);
		if (response.status() != 101) {
			client.close();
			throw new IOException("Handshake refused: " + response.status() + " " + response.body());
		}
		return client;
	}

	/** Opens the TCP connection only, so a test can send any handshake it likes. */
	public static RawWebSocketClient open(int port) throws IOException {
		return configure(new Socket("127.0.0.1", port));
	}

	/**
	 * Opens the TCP connection only, from {@code localAddress} (any of 127.0.0.0/8 on
	 * Linux), so a test can play clients at different addresses.
	 */
	public static RawWebSocketClient open(int port, String localAddress) throws IOException {
		return configure(new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0));
	}

	private static RawWebSocketClient configure(Socket socket) throws IOException {
		socket.setSoTimeout(20_000);
		socket.setTcpNoDelay(true);
		return new RawWebSocketClient(socket);
	}

	/** The socket, for tests that look at its buffers. */
	public Socket socket() {
		return this.socket;
	}

	/**
	 * Sends a GET with the standard upgrade headers plus (or overridden by)
	 * {@code extra}.
	 */
	public HandshakeResponse handshake(String path, Map<String, String> extra) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", "127.0.0.1:" + this.socket.getPort());
		headers.put("Upgrade", "websocket");
		headers.put("Connection", "Upgrade");
		headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		headers.put("Sec-WebSocket-Version", "13");
		headers.putAll(extra);
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
		headers.forEach((name, value) -> {
			if (value != null) {
				request.append(name).append(": ").append(value).append("\r\n");
			}
		});
		request.append("\r\n");
		this.out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		return readResponse();
	}

	private HandshakeResponse readResponse() throws IOException {
		String statusLine = readLine();
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		String body = "";
		if (status != 101 && headers.containsKey("content-length")) {
			byte[] bytes = new byte[Integer.parseInt(headers.get("content-length"))];
			this.in.readFully(bytes);
			body = new String(bytes, StandardCharsets.UTF_8);
		}
		return new HandshakeResponse(status, headers, body);
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new EOFException("Connection closed during the handshake");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Sends one masked frame; {@code rsv} sets the reserved bits (0–7) as they would sit
	 * in the header.
	 */
	public void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
		sendFrame(fin, rsv, opcode, payload, true);
	}

	public void sendFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
		sendBytes(frame(fin, rsv, opcode, payload, masked));
	}

	/**
	 * Writes bytes as they are, in one write: several frames from {@link #frame} at once,
	 * say.
	 */
	public void sendBytes(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/**
	 * {@code count} frames one after another, the {@code i}th made by {@code frameAt}: to
	 * send in one write, as a client that pipelines would.
	 */
	public static byte[] pipelined(int count, IntFunction<byte[]> frameAt) {
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		for (int i = 0; i < count; i++) {
			frames.writeBytes(frameAt.apply(i));
		}
		return frames.toByteArray();
	}

	/** Encodes one frame as {@link #sendFrame} would send it. */
	public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
		int maskBit = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(maskBit | payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			frame.write(maskBit | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(maskBit | 127);
			long length = payload.length;
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (length >>> shift));
			}
		}
		byte[] data = payload;
		if (masked) {
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			frame.write(mask, 0, 4);
			data = new byte[payload.length];
			for (int i = 0; i < payload.length; i++) {
				data[i] = (byte) (payload[i] ^ mask[i & 3]);
			}
		}
		frame.write(data, 0, data.length);
		return frame.toByteArray();
	}

	/**
	 * Announces a masked frame of {@code announced} bytes, sends only {@code sent} of
	 * them, then resets the TCP connection: a client that vanishes mid-frame.
	 */
	public void sendPartialFrameThenReset(int opcode, int announced, int sent) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x80 | opcode);
		frame.write(0x80 | 126);
		frame.write(announced >>> 8);
		frame.write(announced);
		frame.write(new byte[4], 0, 4);
		frame.write(new byte[sent], 0, sent);
		this.out.write(frame.toByteArray());
		this.out.flush();
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	public void sendText(String text) throws IOException {
		sendFrame(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a close frame with this code and reason; a negative code sends an empty
	 * payload.
	 */
	public void sendClose(int code, String reason) throws IOException {
		sendFrame(true, 0, CLOSE, closePayload(code, reason));
	}

	public static byte[] closePayload(int code, String reason) {
		if (code < 0) {
			return new byte[0];
		}
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		byte[] payload = new byte[2 + text.length];
		payload[0] = (byte) (code >>> 8);
		payload[1] = (byte) code;
		System.arraycopy(text, 0, payload, 2, text.length);
		return payload;
	}

	/** Reads the next frame the server sends, waiting at most the socket timeout. */
	public Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame((first & 0x80) != 0, (first >>> 4) & 0x7, first & 0x0F, payload);
	}

	/**
	 * Reads data frames until a whole message has arrived, answering nothing; returns its
	 * opcode and bytes.
	 */
	public Frame readMessage() throws IOException {
		Frame first = readFrame();
		if (first.opcode() >= CLOSE || first.fin()) {
			return first;
		}
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		payload.writeBytes(first.payload());
		Frame next;
		do {
			next = readFrame();
			payload.writeBytes(next.payload());
		}
		while (!next.fin());
		return new Frame(true, first.rsv(), first.opcode(), payload.toByteArray());
	}

	/**
	 * Reads frames until the close frame, skipping data; fails if the connection ends
	 * without one.
	 */
	public Frame readClose() throws IOException {
		Frame frame;
		do {
			frame = readFrame();
		}
		while (frame.opcode() != CLOSE);
		return frame;
	}

	/**
	 * Reads frames until a close frame or the end of the connection, which may come in
	 * the middle of a frame (a server that drops a client it cannot write to); throws on
	 * a reset or when the socket timeout passes.
	 */
	public End readUntilEnd() throws IOException {
		int dataFrames = 0;
		while (true) {
			Frame frame;
			try {
				frame = readFrame();
			}
			catch (EOFException ex) {
				return new End(dataFrames, null);
			}
			if (frame.opcode() == CLOSE) {
				return new End(dataFrames, frame);
			}
			if (frame.opcode() < CLOSE) {
				dataFrames++;
			}
		}
	}

	/** True when the server ends the TCP connection (EOF) within the socket timeout. */
	public boolean serverClosesConnection() throws IOException {
		try {
			InputStream stream = this.in;
			while (stream.read() >= 0) {
				// Drain whatever is still in flight.
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * Reads until the server ends the connection and returns how many bytes came before
	 * the end; throws if the connection is reset (or the socket timeout passes) instead.
	 */
	public int bytesBeforeEnd() throws IOException {
		int count = 0;
		while (this.in.read() >= 0) {
			count++;
		}
		return count;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * How a connection read by {@link #readUntilEnd()} ended.
	 *
	 * @param dataFrames the data frames before the end
	 * @param close the close frame, or {@code null} when the connection ended without one
	 * (1006)
	 */
	public record End(int dataFrames, @Nullable Frame close) {

		/**
		 * The code of the close frame, or 1006 (abnormal closure) when the connection
		 * ended without one.
		 */
		public int closeCode() {
			return (this.close != null) ? this.close.closeCode() : 1006;
		}

	}

	/** One frame as received. */
	public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {

		public int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

		public String closeReason() {
			return (this.payload.length > 2)
					? new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8) : "";
		}

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

	/** The server's answer to an opening handshake. */
	public record HandshakeResponse(int status, Map<String, String> headers, String body) {
	}

}
