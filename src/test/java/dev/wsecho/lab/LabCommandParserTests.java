package dev.wsecho.lab;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LabCommandParserTests {

	private final LabProperties properties = new LabProperties(DataSize.ofMegabytes(1), Duration.ofSeconds(60), 1000,
			100000, DataSize.ofMegabytes(64), Duration.ofMillis(10), 100000);

	private final LabCommandParser parser = new LabCommandParser(JsonMapper.builder().build(), this.properties);

	private LabCommand parse(String text) {
		return this.parser.parse(this.parser.commandIn(text).orElseThrow());
	}

	private void assertInvalid(String text, String message) {
		assertThatExceptionOfType(InvalidCommandException.class).isThrownBy(() -> parse(text)).withMessage(message);
	}

	@Test
	void treatsOnlyObjectsWithAStringCommandAsCommands() {
		assertThat(this.parser.commandIn(" {\"command\":\"info\"} ")).isPresent();
		assertThat(this.parser.commandIn("hello")).isEmpty();
		assertThat(this.parser.commandIn("{\"command\":\"info\"")).isEmpty();
		assertThat(this.parser.commandIn("{\"command\":1}")).isEmpty();
		assertThat(this.parser.commandIn("{\"type\":\"info\"}")).isEmpty();
		assertThat(this.parser.commandIn("[{\"command\":\"info\"}]")).isEmpty();
		assertThat(this.parser.commandIn("\"{\\\"command\\\":\\\"info\\\"}\"")).isEmpty();
	}

	@Test
	void parsesEveryCommandWithItsArguments() {
		assertThat(parse("{\"command\":\"info\"}")).isEqualTo(new LabCommand.Info());
		assertThat(parse("{\"command\":\"close\",\"code\":4001,\"reason\":\"bye\"}"))
			.isEqualTo(new LabCommand.Close(4001, "bye"));
		assertThat(parse("{\"command\":\"drop\"}")).isEqualTo(new LabCommand.Drop());
		assertThat(parse("{\"command\":\"delay\",\"ms\":500,\"message\":\"x\"}"))
			.isEqualTo(new LabCommand.Delay(500, "x"));
		assertThat(parse("{\"command\":\"burst\",\"count\":1000,\"size\":64,\"binary\":true}"))
			.isEqualTo(new LabCommand.Burst(1000, 64, true));
		assertThat(parse("{\"command\":\"ping\",\"payload\":\"x\"}")).isEqualTo(new LabCommand.Ping("x"));
		assertThat(parse("{\"command\":\"stream\",\"intervalMs\":100,\"count\":50}"))
			.isEqualTo(new LabCommand.Stream(100, 50));
		assertThat(parse("{\"command\":\"stop\"}")).isEqualTo(new LabCommand.Stop());
	}

	@Test
	void fillsInDefaultsForOptionalArguments() {
		assertThat(parse("{\"command\":\"close\"}")).isEqualTo(new LabCommand.Close(1000, ""));
		assertThat(parse("{\"command\":\"burst\",\"count\":2}")).isEqualTo(new LabCommand.Burst(2, 64, false));
		assertThat(parse("{\"command\":\"ping\"}")).isEqualTo(new LabCommand.Ping(""));
		assertThat(parse("{\"command\":\"stream\",\"intervalMs\":10}")).isEqualTo(new LabCommand.Stream(10, 0));
	}

	@Test
	void acceptsExactlyTheCloseCodesAServerMaySend() {
		for (int code = 0; code < 6000; code++) {
			boolean expected = code == 1000 || code == 1001 || code == 1003 || (code >= 1007 && code <= 1011)
					|| (code >= 3000 && code <= 4999);
			assertThat(LabCommandParser.isSendableCloseCode(code)).as("code %d", code).isEqualTo(expected);
		}
	}

	@Test
	void refusesArgumentsOutOfBounds() {
		assertInvalid("{\"command\":\"close\",\"code\":1006}",
				"code 1006 cannot be sent; use 1000, 1001, 1003, 1007-1011 or 3000-4999");
		assertInvalid("{\"command\":\"close\",\"code\":\"4001\"}", "code must be a whole number from 0 to 65535");
		assertInvalid("{\"command\":\"close\",\"code\":4001,\"reason\":\"" + "é".repeat(62) + "\"}",
				"reason must be at most 123 bytes in UTF-8");
		assertInvalid("{\"command\":\"delay\",\"ms\":1.5,\"message\":\"x\"}",
				"ms must be a whole number from 0 to 60000");
		assertInvalid("{\"command\":\"delay\",\"ms\":10,\"message\":7}", "message must be a string");
		assertInvalid("{\"command\":\"burst\"}", "count is required");
		assertInvalid("{\"command\":\"burst\",\"count\":0}", "count must be a whole number from 1 to 100000");
		assertInvalid("{\"command\":\"burst\",\"count\":100000,\"size\":1000}",
				"count × size must be at most 67108864 bytes, not 100000000");
		assertInvalid("{\"command\":\"ping\",\"payload\":\"" + "x".repeat(126) + "\"}",
				"payload must be at most 125 bytes in UTF-8");
		assertInvalid("{\"command\":\"stream\",\"intervalMs\":9}",
				"intervalMs must be a whole number from 10 to 2147483647");
		assertInvalid("{\"command\":\"stream\",\"intervalMs\":10,\"count\":100001}",
				"count must be a whole number from 0 to 100000");
	}

	@Test
	void namesTheKnownCommandsForAnUnknownOne() {
		assertInvalid("{\"command\":\"explode\"}",
				"Unknown command \"explode\"; known: info, close, drop, delay, burst, ping, stream, stop");
	}

}
