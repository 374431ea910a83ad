package dev.wsecho.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * The client's side of the RFC 6455 opening handshake: the upgrade request with a fresh
 * key, and the check of the server's answer (101, {@code Upgrade: websocket}, the
 * matching {@code Sec-WebSocket-Accept}, no extension that was not offered).
 */
final class Handshake {

	private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final String key;

	Handshake(Random random) {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		this.key = Base64.getEncoder().encodeToString(nonce);
	}

	String key() {
		return this.key;
	}

	byte[] request(LoopbackTarget target) {
		String request = "GET " + target.path() + " HTTP/1.1\r\n" + "Host: " + target.hostHeader() + "\r\n"
				+ "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: " + this.key + "\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		return request.getBytes(StandardCharsets.US_ASCII);
	}

	static String acceptFor(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-1", ex);
		}
	}

	/**
	 * Checks the response head (status line and headers, without the blank line).
	 * @return {@code null} when the server accepted, else what was wrong
	 */
	String check(String head) {
		String[] lines = head.split("\r\n");
		if (!lines[0].startsWith("HTTP/1.1 101")) {
			return "handshake refused: " + lines[0];
		}
		String upgrade = null;
		String connection = null;
		String accept = null;
		String extensions = null;
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = lines[i].substring(colon + 1).trim();
			switch (name) {
				case "upgrade" -> upgrade = value;
				case "connection" -> connection = value;
				case "sec-websocket-accept" -> accept = value;
				case "sec-websocket-extensions" -> extensions = value;
				default -> {
				}
			}
		}
		if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
			return "handshake without Upgrade: websocket";
		}
		if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
			return "handshake without Connection: Upgrade";
		}
		if (!acceptFor(this.key).equals(accept)) {
			return "wrong Sec-WebSocket-Accept: " + accept;
		}
		if (extensions != null && !extensions.isEmpty()) {
			return "server chose an extension that was not offered: " + extensions;
		}
		return null;
	}

}
