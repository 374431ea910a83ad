package dev.wsecho.transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.jspecify.annotations.Nullable;

/**
 * Picks the first {@code permessage-deflate} offer the server can accept, in the order
 * the client listed them, and settles its parameters (RFC 7692 section 7.1).
 *
 * <p>
 * An offer is declined when it carries a parameter RFC 7692 does not define, a flag with
 * a value, a window outside 8 to 15, or {@code server_max_window_bits=8}: zlib has no raw
 * deflate with a 256-byte window (it silently makes it 9), so no compressor here could
 * keep that promise. The server's window is the smaller of the client's
 * {@code server_max_window_bits} and {@link DeflateSettings#windowBits()}.
 * {@code client_max_window_bits}, with or without a value, needs nothing from the server:
 * its inflater takes any window up to 15, so the answer leaves it out and the client
 * keeps to its own limit. Without {@link DeflateSettings#contextTakeover()} the answer
 * adds both {@code no_context_takeover} flags, which RFC 7692 lets a server do whatever
 * the offer said.
 */
final class DeflateNegotiation {

	private DeflateNegotiation() {
	}

	/** The agreement for the first acceptable offer, or null to decline them all. */
	static @Nullable DeflateAgreement negotiate(List<ExtensionConfig> offers, DeflateSettings settings) {
		for (ExtensionConfig offer : offers) {
			if (DeflateAgreement.NAME.equalsIgnoreCase(offer.getName())) {
				DeflateAgreement agreement = accept(offer.getParameters(), settings);
				if (agreement != null) {
					return agreement;
				}
			}
		}
		return null;
	}

	private static @Nullable DeflateAgreement accept(Map<String, String> parameters, DeflateSettings settings) {
		int serverWindowBits = settings.windowBits();
		boolean answerWindowBits = false;
		boolean serverContextTakeover = settings.contextTakeover();
		boolean clientContextTakeover = settings.contextTakeover();
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			@Nullable String value = parameter.getValue();
			switch (parameter.getKey().toLowerCase(Locale.ROOT)) {
				case DeflateAgreement.SERVER_NO_CONTEXT_TAKEOVER -> {
					if (value != null) {
						return null;
					}
					serverContextTakeover = false;
				}
				case DeflateAgreement.CLIENT_NO_CONTEXT_TAKEOVER -> {
					if (value != null) {
						return null;
					}
					clientContextTakeover = false;
				}
				case DeflateAgreement.SERVER_MAX_WINDOW_BITS -> {
					int bits = windowBits(value);
					if (bits < DeflateSettings.MIN_WINDOW_BITS) {
						return null;
					}
					serverWindowBits = Math.min(bits, settings.windowBits());
					answerWindowBits = true;
				}
				case DeflateAgreement.CLIENT_MAX_WINDOW_BITS -> {
					if (value != null && windowBits(value) < 0) {
						return null;
					}
				}
				default -> {
					return null;
				}
			}
		}
		return new DeflateAgreement(serverWindowBits, answerWindowBits, serverContextTakeover, clientContextTakeover);
	}

	/**
	 * A window size as RFC 7692 writes it (8 to 15, decimal, no leading zero), or -1.
	 */
	private static int windowBits(@Nullable String value) {
		if (value == null || !value.matches("[1-9][0-9]?")) {
			return -1;
		}
		int bits = Integer.parseInt(value);
		return (bits >= 8 && bits <= DeflateSettings.MAX_WINDOW_BITS) ? bits : -1;
	}

}
