package dev.wsecho.startup;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The training run behind the JVM's AOT cache ({@code -XX:AOTCacheOutput}, JDK 25): with
 * {@code -Dwsecho.aot-training=true} the started server fetches its page and its health
 * and echoes text and binary over {@code /ws/echo} as a client would, then stops, so that
 * the classes and profiles of a first echo are in the cache and not only those of the
 * start. The client is a plain socket: every class the run loads goes into the cache, and
 * the JDK's HTTP client would add megabytes of them. Any failure ends the run with a
 * non-zero status, and the build then fails.
 */
public final class AotTraining {

	/** The system property that asks for the training run. */
	public static final String PROPERTY = "wsecho.aot-training";

	private static final int TIMEOUT_MILLIS = 30_000;

	private static final int OP_TEXT = 0x1;

	private static final int OP_BINARY = 0x2;

	private static final int OP_CLOSE = 0x8;

	private AotTraining() {
	}

	/** Whether this start is the training run. */
	public static boolean requested() {
		return Boolean.getBoolean(PROPERTY);
	}

	/** Trains on the started {@code context}, then stops it and the JVM. */
	public static void trainAndExit(ConfigurableApplicationContext context) {
		int status = 0;
		try {
			exercise(Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1")));
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("AOT training failed: " + ex);
			status = 1;
		}
		int exit = SpringApplication.exit(context);
		System.exit((status != 0) ? status : exit);
	}

	/** What a first visitor does: the page, the health probe, echoes of both kinds. */
	static void exercise(int port) throws IOException {
		get(port, "/");
		get(port, "/actuator/health");
		try (Socket socket = connect(port)) {
			OutputStream out = socket.getOutputStream();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			out.write(("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			String head = head(in);
			if (!head.startsWith("HTTP/1.1 101")) {
				throw new IOException("no upgrade: " + head);
			}
			for (int i = 0; i < 200; i++) {
				int opcode = (i % 2 == 0) ? OP_TEXT : OP_BINARY;
				byte[] payload = ("training " + i).getBytes(StandardCharsets.UTF_8);
				send(out, opcode, payload);
				byte[] echoed = receive(in, opcode);
				if (!Arrays.equals(payload, echoed)) {
					throw new IOException("echoed " + new String(echoed, StandardCharsets.UTF_8) + " for message " + i);
				}
			}
			send(out, OP_CLOSE, new byte[] { 0x03, (byte) 0xE8 });
			receive(in, OP_CLOSE);
		}
	}

	private static void get(int port, String path) throws IOException {
		try (Socket socket = connect(port)) {
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			if (!response.startsWith("HTTP/1.1 200")) {
				throw new IOException(path + " answered " + response.lines().findFirst().orElse("nothing"));
			}
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	private static String head(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.length() < 8192 && (head.length() < 4 || !head.toString().endsWith("\r\n\r\n"))) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed during the handshake");
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/** One masked frame (mask 0: the payload goes as it is), payload under 126 bytes. */
	private static void send(OutputStream out, int opcode, byte[] payload) throws IOException {
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) (0x80 | opcode);
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(payload, 0, frame, 6, payload.length);
		out.write(frame);
		out.flush();
	}

	/**
	 * One unmasked frame from the server, payload under 126 bytes, of the opcode
	 * expected.
	 */
	private static byte[] receive(DataInputStream in, int opcode) throws IOException {
		int first = in.readUnsignedByte();
		int length = in.readUnsignedByte();
		if ((first & 0x0F) != opcode || length > 125) {
			throw new IOException("unexpected frame " + Integer.toHexString(first) + " of length " + length);
		}
		byte[] payload = new byte[length];
		in.readFully(payload);
		return payload;
	}

}
