package dev.wsecho.playground;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's pure modules, imported as the page imports them and run in Chromium. */
class PlaygroundModulesBrowserTests extends AbstractPlaygroundBrowserTests {

	@Test
	void backsOffExponentiallyFromTheBaseUpTo30Seconds() {
		Object delays = run("reconnect.js",
				"return [1, 2, 3, 4, 5, 6, 7, 10].map((n) => m.backoffDelay(n, 1000, () => 0.5));");

		assertThat(delays).isEqualTo(List.of(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L));
	}

	@Test
	void jittersTheDelayByAtMost20PercentEitherWay() {
		Object delays = run("reconnect.js", """
				return [m.backoffDelay(3, 1000, () => 0), m.backoffDelay(3, 1000, () => 0.999999),
				        m.backoffDelay(6, 1000, () => 0), m.backoffDelay(1, 50, () => 0.25)];
				""");

		assertThat(delays).isEqualTo(List.of(3200L, 4800L, 24000L, 45L));
	}

	@Test
	void countsAttemptsUntilTheLimitAndStartsAgainAfterAReset() {
		Object attempts = run("reconnect.js", """
				const reconnector = new m.Reconnector(() => {}, { random: () => 0.5 });
				const delays = [1, 2, 3].map(() => reconnector.schedule({ baseMs: 100, maxAttempts: 2 }));
				const afterGivingUp = reconnector.attempt;
				reconnector.schedule({ baseMs: 100, maxAttempts: 2 });
				reconnector.reset();
				const afterReset = [reconnector.attempt, reconnector.waiting];
				const again = reconnector.schedule({ baseMs: 100, maxAttempts: 2 });
				reconnector.reset();
				return [delays, afterGivingUp, afterReset, again];
				""");

		assertThat(attempts).isEqualTo(List.of(Arrays.asList(100L, 200L, null), 0L, List.of(0L, false), 100L));
	}

	@Test
	void readsCloseCodesAndReasonsAsTheBrowserWouldAcceptThem() {
		Object results = run("close-codes.js",
				"""
						return [['', 'bye'], ['3000', ''], ['4999', 'é'.repeat(61) + 'a'], ['1001', ''], ['2999', ''],
						        ['5000', ''], ['1000.5', ''], ['4000', 'é'.repeat(62)]]
						  .map(([code, reason]) => { const r = m.parseClose(code, reason); return r.problem ? 'refused' : r.code; });
						""");

		assertThat(results)
			.isEqualTo(List.of(1000L, 3000L, 4999L, "refused", "refused", "refused", "refused", "refused"));
	}

	@Test
	void parsesHexAndBase64InTheirUsualSpellings() {
		Object bytes = run("bytes.js", """
				const list = (bytes) => Array.from(bytes);
				return [list(m.parseHex('01 02 ff')), list(m.parseHex('0x01,0x02,0xFF')), list(m.parseHex('0102ff')),
				        list(m.parseHex('1 2 f')), list(m.parseBase64('AQL/')), list(m.parseBase64('AQL_')),
				        list(m.parseBase64('AQI')), m.toBase64(Uint8Array.of(1, 2, 255))];
				""");

		assertThat(bytes).isEqualTo(List.of(List.of(1L, 2L, 255L), List.of(1L, 2L, 255L), List.of(1L, 2L, 255L),
				List.of(1L, 2L, 15L), List.of(1L, 2L, 255L), List.of(1L, 2L, 255L), List.of(1L, 2L), "AQL/"));
	}

	@Test
	void matchesEchoesInOrderAndStopsAtTheFirstReplyThatIsNoEcho() {
		Object rtts = run("rtt.js", """
				const matcher = new m.EchoMatcher();
				matcher.sent('a', 10);
				matcher.sent(Uint8Array.of(1, 2), 20);
				matcher.sent('c', 30);
				return [matcher.received('a', 15), matcher.received(Uint8Array.of(1, 2), 27),
				        matcher.received('not c', 40), matcher.received('c', 41), matcher.matching];
				""");

		assertThat(rtts).isEqualTo(Arrays.asList(5L, 7L, null, null, false));
	}

	@Test
	void computesNearestRankPercentiles() {
		Object percentiles = run("rtt.js", """
				const samples = new m.RttSamples();
				for (let i = 100; i >= 1; i -= 1) samples.add(i);
				return [samples.percentile(50), samples.percentile(99), samples.percentile(100), m.percentile([], 50)];
				""");

		assertThat(percentiles).isEqualTo(Arrays.asList(50L, 99L, 100L, null));
	}

	@Test
	void reconnectsAfterAFailedAttemptOrACloseOtherThan1000ButNeverAfterTheUsersDisconnect() {
		Object decisions = run("reconnect.js", """
				return [
				  { enabled: true, opened: false, byUser: false, code: 1006 },
				  { enabled: true, opened: true, byUser: false, code: 1009 },
				  { enabled: true, opened: true, byUser: false, code: 1000 },
				  { enabled: true, opened: true, byUser: true, code: 4001 },
				  { enabled: true, opened: false, byUser: true, code: 1006 },
				  { enabled: false, opened: true, byUser: false, code: 1011 },
				].map((close) => m.shouldReconnect(close));
				""");

		assertThat(decisions).isEqualTo(List.of(true, true, false, false, false, false));
	}

	@Test
	void readsAReceivedMessageAsTheLogShowsItAndAsAnEchoIsComparedByIt() {
		Object messages = run("receive.js", """
				const show = ({ payload, size, text, bytes }) =>
				  [typeof payload === 'string' ? payload : Array.from(payload), size, text, bytes && Array.from(bytes)];
				return Promise.all(['héllo', '{"a":[1]}', Uint8Array.of(1, 2, 255).buffer, new Blob([Uint8Array.of(7)])]
				  .map((data) => m.readMessage(data).then(show)));
				""");

		assertThat(messages).isEqualTo(List.of(Arrays.asList("héllo", 6L, "héllo", null),
				Arrays.asList("{\"a\":[1]}", 9L, "{\n  \"a\": [\n    1\n  ]\n}", null),
				List.of(List.of(1L, 2L, 255L), 3L, "binary as ArrayBuffer, 3 bytes", List.of(1L, 2L, 255L)),
				List.of(List.of(7L), 1L, "binary as Blob, 1 byte", List.of(7L))));
	}

	@Test
	void refusesASnippetWithoutANameOrMadeOfAFile() {
		Object problems = run("snippet-form.js", """
				return [m.snippetProblem('', { mode: 'text', encoding: 'hex' }),
				        m.snippetProblem('upload', { mode: 'binary', encoding: 'file' }),
				        m.snippetProblem('bytes', { mode: 'binary', encoding: 'hex' }),
				        m.snippetProblem('hello', { mode: 'text', encoding: 'file' })];
				""");

		assertThat(problems).isEqualTo(Arrays.asList("Name the snippet first.",
				"A file cannot be saved as a snippet: paste its bytes as hex or Base64.", null, null));
	}

	/** Runs `body` with the module as `m`; a promise it returns is awaited. */
	private Object run(String module, String body) {
		return this.page.asyncScript("""
				const done = arguments[arguments.length - 1];
				const body = arguments[1];
				import(arguments[0]).then((m) => new Function('m', body)(m)).then(done)
				  .catch((error) => done('failed: ' + error));
				""", "/js/" + module, body);
	}

}
