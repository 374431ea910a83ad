package dev.wsecho.playground;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;

import static org.assertj.core.api.Assertions.assertThat;

class PlaygroundLogBrowserTests extends AbstractPlaygroundBrowserTests {

	@Test
	void filtersByKindAndSearchesTheTextAndSaysHowManyAreHidden() {
		this.page.connect();
		this.page.sendAndAwaitEcho("alpha");
		this.page.sendAndAwaitEcho("beta");

		this.page.choose("log-kind-system");

		assertThat(visible()).hasSize(4)
			.allSatisfy((entry) -> assertThat(entry.getDomAttribute("data-kind")).isNotEqualTo("system"));
		assertThat(this.page.text("log-hidden")).isEqualTo("2 of 6 entries hidden by the filter.");

		this.page.type("log-search", "ALP");

		assertThat(visible()).extracting((entry) -> entry.getDomAttribute("data-kind"))
			.containsExactly("received", "sent");
		assertThat(this.page.text("log-hidden")).isEqualTo("4 of 6 entries hidden by the filter.");

		this.page.choose("log-kind-system");
		this.page.type("log-search", "");
		assertThat(visible()).hasSize(6);
		assertThat(this.page.byId("log-hidden").isDisplayed()).isFalse();
	}

	@Test
	void keepsTheNewestEntriesAndSaysHowManyOlderOnesWereDropped() {
		this.page.setting("log-limit", "10");
		this.page.connect();

		for (int i = 1; i <= 5; i++) {
			this.page.sendAndAwaitEcho("message " + i);
		}

		assertThat(this.page.entries()).hasSize(10);
		assertThat(this.page.text("log-dropped")).isEqualTo("2 older entries dropped: the log keeps the newest 10.");
		assertThat(this.page.entries("system")).isEmpty();
		PlaygroundPage.assertEntry(this.page.newest(), "received", "message 5");

		this.page.click("clear-log");

		assertThat(this.page.entries()).isEmpty();
		assertThat(this.page.byId("log-dropped").isDisplayed()).isFalse();
		assertThat(this.page.text("log-feedback")).isEqualTo("Log cleared.");
	}

	@Test
	void copiesAllEntriesOldestFirst() {
		this.page.script("""
				window.copied = [];
				navigator.clipboard.writeText = (text) => { window.copied.push(text); return Promise.resolve(); };
				""");
		this.page.connect();
		this.page.sendAndAwaitEcho("copy me");

		this.page.click("copy-log");

		this.page.await().until((d) -> this.page.text("log-feedback").equals("Copied 4 entries."));
		List<?> copied = (List<?>) this.page.script("return window.copied;");
		assertThat(copied).hasSize(1);
		String[] lines = ((String) copied.get(0)).split("\n");
		assertThat(lines).hasSize(4);
		assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z SYSTEM Connecting to " + this.page.echoUrl());
		assertThat(lines[2]).endsWith(" SENT copy me");
		assertThat(lines[3]).endsWith(" RECEIVED copy me");
	}

	@Test
	void exportsTheLogAsJsonLines() {
		((HasCdp) this.page.driver()).executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "deny"));
		this.page.connect();
		this.page.sendAndAwaitEcho("export me");
		this.page.choose("mode-binary");
		this.page.sendAndAwaitEcho("01 02 ff");

		this.page.click("export-log");

		assertThat(this.page.byId("export-link").getDomAttribute("download"))
			.matches("wsecho-log-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.jsonl");
		Object lines = this.page.asyncScript(
				"""
						const done = arguments[arguments.length - 1];
						fetch(document.getElementById('export-link').href).then((response) => response.text())
						  .then((text) => done(text.trimEnd().split('\\n').map((line) => JSON.parse(line))), (e) => done(String(e)));
						""");

		assertThat((List<?>) lines).hasSize(6);
		List<Map<String, Object>> records = ((List<?>) lines).stream().map(PlaygroundLogBrowserTests::record).toList();
		assertThat(records).extracting((record) -> record.get("kind"))
			.containsExactly("system", "system", "sent", "received", "sent", "received");
		assertThat(records.get(2)).containsEntry("text", "export me").containsKey("time");
		assertThat(records.get(3)).containsEntry("text", "export me").containsKey("rttMs");
		assertThat(records.get(5)).containsEntry("text", "binary as Blob, 3 bytes")
			.containsEntry("size", 3L)
			.containsEntry("base64", "AQL/");
		assertThat(this.page.text("log-feedback")).startsWith("Exported 6 entries");
	}

	private List<WebElement> visible() {
		return this.page.entries().stream().filter(WebElement::isDisplayed).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> record(Object line) {
		return (Map<String, Object>) line;
	}

}
