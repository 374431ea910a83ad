package dev.wsecho.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test echo server on loopback that misbehaves on request: it answers pings-first,
 * splits echoes into fragments, or flips a byte of every n-th echo, so that the
 * benchmark's checks can be seen to work. One thread per connection, blocking I/O with a
 * 10 s read timeout.
 */
final class ScriptedEchoServer implements AutoCloseable {

	private static final Pattern KEY = Pattern.compile("(?i)sec-websocket-key:\\s*(\\S+)");

	private final ServerSocket socket;

	private final int corruptEvery;

	private final boolean fragment;

	private final boolean pingFirst;

	private final AtomicInteger echoes = new AtomicInteger();

	/** The payload of the first pong received, when {@code pingFirst}. */
	final CompletableFuture<String> pong = new CompletableFuture<>();

	ScriptedEchoServer(int corruptEvery, boolean fragment, boolean pingFirst) throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.corruptEvery = corruptEvery;
		this.fragment = fragment;
		this.pingFirst = pingFirst;
		Thread acceptor = new Thread(this::accept, "scripted-echo-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	String url() {
		return "ws://127.0.0.1:" + this.socket.getLocalPort() + "/echo";
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private void accept() {
		try {
			while (true) {
				Socket client = this.socket.accept();
				Thread serve = new Thread(() -> serve(client), "scripted-echo");
				serve.setDaemon(true);
				serve.start();
			}
		}
		catch (IOException ex) {
			// Closed by the test.
		}
	}

	private void serve(Socket client) {
		try (client) {
			client.setSoTimeout(10_000);
			DataInputStream in = new DataInputStream(client.getInputStream());
			OutputStream out = client.getOutputStream();
			String key = readHead(in);
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + Handshake.acceptFor(key) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			if (this.pingFirst) {
				write(out, 0x89, "hello?".getBytes(StandardCharsets.US_ASCII), 0, 6);
			}
			while (true) {
				int b0 = in.readUnsignedByte();
				int b1 = in.readUnsignedByte();
				int opcode = b0 & 0x0F;
				long length = b1 & 0x7F;
				if (length == 126) {
					length = in.readUnsignedShort();
				}
				else if (length == 127) {
					length = in.readLong();
				}
				byte[] mask = new byte[4];
				in.readFully(mask);
				byte[] payload = new byte[(int) length];
				in.readFully(payload);
				for (int i = 0; i < payload.length; i++) {
					payload[i] ^= mask[i & 3];
				}
				if (opcode == 0x8) {
					write(out, 0x88, payload, 0, Math.min(2, payload.length));
					return;
				}
				if (opcode == 0xA) {
					this.pong.complete(new String(payload, StandardCharsets.US_ASCII));
					continue;
				}
				int count = this.echoes.incrementAndGet();
				if (this.corruptEvery > 0 && count % this.corruptEvery == 0 && payload.length > 0) {
					payload[payload.length - 1] ^= 0x01;
				}
				if (this.fragment && payload.length >= 2) {
					int half = payload.length / 2;
					write(out, opcode, payload, 0, half);
					write(out, 0x80, payload, half, payload.length - half);
				}
				else {
					write(out, 0x80 | opcode, payload, 0, payload.length);
				}
			}
		}
		catch (SocketException | EOFException ex) {
			// The client went away.
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("handshake cut short");
			}
			head.append((char) b);
		}
		Matcher key = KEY.matcher(head);
		if (!key.find()) {
			throw new IOException("no Sec-WebSocket-Key in " + head);
		}
		return key.group(1);
	}

	private static void write(OutputStream out, int firstByte, byte[] payload, int offset, int length)
			throws IOException {
		byte[] header;
		if (length < 126) {
			header = new byte[] { (byte) firstByte, (byte) length };
		}
		else if (length < 65536) {
			header = new byte[] { (byte) firstByte, 126, (byte) (length >>> 8), (byte) length };
		}
		else {
			header = new byte[10];
			header[0] = (byte) firstByte;
			header[1] = 127;
			for (int i = 0; i < 8; i++) {
				header[9 - i] = (byte) ((long) length >>> (8 * i));
			}
		}
		synchronized (out) {
			out.write(header);
			out.write(payload, offset, length);
			out.flush();
		}
	}

}
