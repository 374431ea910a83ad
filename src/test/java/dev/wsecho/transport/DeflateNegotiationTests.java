package dev.wsecho.transport;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;

import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each RFC 7692 parameter an offer may carry, and the answer the server gives to it.
 */
class DeflateNegotiationTests {

	private static final DeflateSettings NO_TAKEOVER = DeflateSettings.DEFAULTS;

	private static final DeflateSettings TAKEOVER = new DeflateSettings(15, 6, true, 16);

	@ParameterizedTest(name = "{0} -> {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					permessage-deflate                                          | true  | permessage-deflate
					permessage-deflate; client_max_window_bits                  | true  | permessage-deflate
					permessage-deflate; client_max_window_bits=10               | true  | permessage-deflate
					permessage-deflate; client_max_window_bits="8"              | true  | permessage-deflate
					permessage-deflate; client_no_context_takeover              | true  | permessage-deflate; client_no_context_takeover
					permessage-deflate; server_no_context_takeover              | true  | permessage-deflate; server_no_context_takeover
					permessage-deflate; server_max_window_bits=15               | true  | permessage-deflate; server_max_window_bits=15
					permessage-deflate; server_max_window_bits=9                | true  | permessage-deflate; server_max_window_bits=9
					permessage-deflate; server_max_window_bits=12; client_max_window_bits | true | permessage-deflate; server_max_window_bits=12
					permessage-deflate; server_max_window_bits=9; server_no_context_takeover | true | permessage-deflate; server_max_window_bits=9; server_no_context_takeover
					PerMessage-Deflate                                          | true  | permessage-deflate
					permessage-deflate                                          | false | permessage-deflate; server_no_context_takeover; client_no_context_takeover
					permessage-deflate; server_max_window_bits=10               | false | permessage-deflate; server_max_window_bits=10; server_no_context_takeover; client_no_context_takeover
					""")
	void answersAnAcceptableOffer(String offer, boolean contextTakeover, String answer) {
		assertThat(answer(offer, contextTakeover ? TAKEOVER : NO_TAKEOVER)).isEqualTo(parsed(answer));
	}

	@ParameterizedTest
	@ValueSource(strings = { "permessage-deflate; server_max_window_bits=8",
			"permessage-deflate; server_max_window_bits", "permessage-deflate; server_max_window_bits=16",
			"permessage-deflate; server_max_window_bits=09", "permessage-deflate; server_max_window_bits=ten",
			"permessage-deflate; client_max_window_bits=7", "permessage-deflate; client_max_window_bits=16",
			"permessage-deflate; server_no_context_takeover=1", "permessage-deflate; client_no_context_takeover=true",
			"permessage-deflate; unknown_parameter", "x-webkit-deflate-frame" })
	void declinesAnOfferItCannotKeep(String offer) {
		assertThat(answer(offer, NO_TAKEOVER)).isNull();
	}

	@Test
	void picksTheFirstAcceptableOfferInTheClientsOrder() {
		String offers = "permessage-deflate; server_max_window_bits=8, "
				+ "permessage-deflate; server_max_window_bits=10; client_max_window_bits, permessage-deflate";

		assertThat(answer(offers, TAKEOVER)).isEqualTo(parsed("permessage-deflate; server_max_window_bits=10"));
	}

	@Test
	void compressesWithinTheSmallerOfTheOfferAndTheServersOwnWindow() {
		DeflateSettings small = new DeflateSettings(11, 6, true, 16);

		assertThat(DeflateNegotiation
			.negotiate(ExtensionConfig.parseList("permessage-deflate; server_max_window_bits=13"), small))
			.isEqualTo(new DeflateAgreement(11, true, true, true));
		// Without server_max_window_bits in the offer, the answer may not name one: the
		// server keeps to its own smaller window all the same.
		assertThat(DeflateNegotiation.negotiate(ExtensionConfig.parseList("permessage-deflate"), small))
			.isEqualTo(new DeflateAgreement(11, false, true, true));
	}

	@Test
	void readsBackTheAgreementFromItsAnswer() {
		DeflateAgreement agreement = new DeflateAgreement(9, true, false, true);

		assertThat(DeflateAgreement.of(agreement.answer(), 15)).isEqualTo(agreement);
	}

	/** The answer to {@code offers} as name and parameters, or null when declined. */
	private static Map.@Nullable Entry<String, Map<String, String>> answer(String offers, DeflateSettings settings) {
		DeflateAgreement agreement = DeflateNegotiation.negotiate(ExtensionConfig.parseList(offers), settings);
		return (agreement != null) ? entry(agreement.answer()) : null;
	}

	private static Map.Entry<String, Map<String, String>> parsed(String answer) {
		return entry(ExtensionConfig.parse(answer));
	}

	private static Map.Entry<String, Map<String, String>> entry(ExtensionConfig config) {
		return new SimpleImmutableEntry<>(config.getName(), config.getParameters());
	}

}
