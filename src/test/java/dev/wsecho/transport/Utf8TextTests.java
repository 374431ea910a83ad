package dev.wsecho.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict UTF-8 of a text message arriving in parts split anywhere, refused as soon as a
 * byte rules it out.
 */
class Utf8TextTests {

	private static byte[] hex(String bytes) {
		return HexFormat.ofDelimiter(" ").parseHex(bytes);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain ASCII", "\u0000\u007f", "é ß \u0080 \u07ff", "€ \u0800 \uffff \ud7ff \ue000",
			"😀 \ud800\udc00 \udbff\udfff", "a😀b€cé" })
	void decodesAWholeMessageOfOneToFourByteCharacters(String text) {
		assertThat(new Utf8Text().decode(utf8(text), true)).isEqualTo(text);
		assertThat(Utf8Text.isValid(utf8(text))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// Overlong forms: a character in more bytes than it needs.
			"C0 80", "C1 BF", "E0 80 80", "E0 9F BF", "F0 80 80 80", "F0 8F BF BF",
			// UTF-16 surrogates, high and low.
			"ED A0 80", "ED AF BF", "ED B0 80", "ED BF BF",
			// Above U+10FFFF.
			"F4 90 80 80", "F4 BF BF BF",
			// Continuation bytes with no lead byte.
			"80", "BF", "61 80 62", "C3 A9 A9",
			// Bytes that never start a character.
			"F5 80 80 80", "F7 BF BF BF", "F8 88 80 80 80", "FC 84 80 80 80 80", "FE", "FF",
			// A lead byte followed by something other than a continuation byte.
			"C3 28", "E2 82 28", "F0 9F 98 28", "E2 28 A1" })
	void refusesInvalidUtf8(String bytes) {
		assertThat(new Utf8Text().decode(hex(bytes), true)).isNull();
		assertThat(Utf8Text.isValid(hex(bytes))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "C0 80", "E0 80 80", "F0 80 80 80", "ED A0 80", "F4 90 80 80", "80", "F5 80 80 80", "FF",
			"C3 28", "E2 82 28" })
	void refusesInvalidUtf8InAPartBeforeTheMessageEnds(String bytes) {
		assertThat(new Utf8Text().decode(hex(bytes), false)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "C3", "E2", "E2 82", "F0", "F0 9F", "F0 9F 98", "61 F0 9F 98" })
	void refusesAMessageThatEndsInsideACharacter(String bytes) {
		assertThat(new Utf8Text().decode(hex(bytes), true)).isNull();
		assertThat(Utf8Text.isValid(hex(bytes))).isFalse();
	}

	@Test
	void refusesAMessageWhoseLastPartLeavesACharacterUnfinished() {
		Utf8Text text = new Utf8Text();

		assertThat(text.decode(hex("61 E2"), false)).isEqualTo("a");
		assertThat(text.decode(hex("82"), true)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "é", "€", "😀" })
	void decodesACharacterSplitIntoTwoPartsAtEverySplitPoint(String character) {
		String message = "<" + character + ">";
		byte[] bytes = utf8(message);
		for (int split = 1; split < bytes.length; split++) {
			Utf8Text text = new Utf8Text();

			String decoded = text.decode(Arrays.copyOfRange(bytes, 0, split), false)
					+ text.decode(Arrays.copyOfRange(bytes, split, bytes.length), true);

			assertThat(decoded).as("split after byte %d", split).isEqualTo(message);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "€", "😀", "aé€😀z" })
	void decodesCharactersSplitIntoThreePartsAtEverySplitPoint(String message) {
		byte[] bytes = utf8(message);
		for (int first = 1; first < bytes.length; first++) {
			for (int second = first; second < bytes.length; second++) {
				Utf8Text text = new Utf8Text();

				String decoded = text.decode(Arrays.copyOfRange(bytes, 0, first), false)
						+ text.decode(Arrays.copyOfRange(bytes, first, second), false)
						+ text.decode(Arrays.copyOfRange(bytes, second, bytes.length), true);

				assertThat(decoded).as("split after bytes %d and %d", first, second).isEqualTo(message);
			}
		}
	}

	@Test
	void decodesOnlyTheWholeCharactersOfAPartAndKeepsTheRestForTheNext() {
		Utf8Text text = new Utf8Text();

		assertThat(text.decode(hex("61 F0 9F"), false)).isEqualTo("a");
		assertThat(text.decode(hex("98"), false)).isEmpty();
		assertThat(text.decode(hex("80 62"), true)).isEqualTo("😀b");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// A character begun in the first part, a non-continuation byte in the second.
			"61 E2|28 62", "F0 9F|98 28", "F0|9F 28",
			// A second byte out of range for its lead byte: overlong, surrogate, above
			// U+10FFFF.
			"E0|80 80", "F0|8F BF BF", "ED|A0 80", "F4|90 80 80",
			// A byte that is never UTF-8, in a part of its own.
			"61 62|FF" })
	void refusesAnInvalidByteInThePartWhereItAppears(String parts) {
		String[] split = parts.split("\\|");
		Utf8Text text = new Utf8Text();

		assertThat(text.decode(hex(split[0]), false)).as("the first part").isNotNull();
		assertThat(text.decode(hex(split[1]), false)).as("the second part, with more to come").isNull();
	}

	@Test
	void forgetsAnUnfinishedCharacterWhenANewMessageStarts() {
		Utf8Text text = new Utf8Text();
		text.decode(hex("E2 82"), false);

		text.reset();

		assertThat(text.decode(utf8("next"), true)).isEqualTo("next");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "ascii", "é", "€uro", "😀", "a😀b€cé", "\u0000\u007f\u0080\u07ff\u0800\uffff" })
	void countsTheSameLengthAsTheEncoder(String text) {
		assertThat(Utf8Text.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
	}

}
