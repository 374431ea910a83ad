package dev.wsecho.system;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Tests {

	@ParameterizedTest
	@ValueSource(strings = { "", "ascii", "é", "€uro", "😀", "a😀b€cé", "\u0000\u007f\u0080\u07ff\u0800\uffff" })
	void countsTheSameBytesAsTheEncoder(String text) {
		assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
	}

}
