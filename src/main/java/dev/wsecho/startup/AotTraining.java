package dev.wsecho.startup;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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

	private static final byte[] MASK = { 0x37, (byte) 0xFA, 0x21, 0x3D };

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
				echo(out, in, opcode, ("training " + i).getBytes(StandardCharsets.UTF_8));
			}
			// Large messages too: profiles of small ones alone leave the unmasking and
			// copying loops of a 64 KiB message to be compiled again, slowly, under load.
			byte[] large = new byte[64 * 1024];
			for (int i = 0; i < 20; i++) {
				Arrays.fill(large, (byte) i);
				echo(out, in, OP_BINARY, large);
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

	private static void echo(OutputStream out, DataInputStream in, int opcode, byte[] payload) throws IOException {
		send(out, opcode, payload);
		byte[] echoed = receive(in, opcode);
		if (!Arrays.equals(payload, echoed)) {
			throw new IOException(
					"echoed " + echoed.length + " bytes that differ from the " + payload.length + " sent");
		}
	}

	/**
	 * One masked frame, masked as browsers mask (a mask of zeros would leave the server's
	 * unmasking untrained).
	 */
	private static void send(OutputStream out, int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 14);
		DataOutputStream frame = new DataOutputStream(bytes);
		frame.writeByte(0x80 | opcode);
		if (payload.length < 126) {
			frame.writeByte(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.writeByte(0x80 | 126);
			frame.writeShort(payload.length);
		}
		else {
			frame.writeByte(0x80 | 127);
			frame.writeLong(payload.length);
		}
		frame.write(MASK);
		for (int i = 0; i < payload.length; i++) {
			frame.writeByte(payload[i] ^ MASK[i & 3]);
		}
		frame.flush();
		bytes.writeTo(out);
		out.flush();
	}

	/**
	 * One unmasked message from the server, of the opcode expected, in as many frames as
	 * it came (the echo streams a large message in parts).
	 */
	private static byte[] receive(DataInputStream in, int opcode) throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		int expected = opcode;
		boolean fin;
		do {
			int first = in.readUnsignedByte();
			long length = in.readUnsignedByte() & 0x7F;
			if (length == 126) {
				length = in.readUnsignedShort();
			}
			else if (length == 127) {
				length = in.readLong();
			}
			if ((first & 0x0F) != expected || message.size() + length > 1024 * 1024) {
				throw new IOException("unexpected frame " + Integer.toHexString(first) + " of length " + length);
			}
			byte[] payload = new byte[(int) length];
			in.readFully(payload);
			message.write(payload);
			fin = (first & 0x80) != 0;
			expected = 0x0;
		}
		while (!fin);
		return message.toByteArray();
	}

}
