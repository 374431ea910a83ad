package dev.wsecho.playground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static dev.wsecho.playground.PlaygroundPage.assertEntry;
import static org.assertj.core.api.Assertions.assertThat;

class PlaygroundComposerBrowserTests extends AbstractPlaygroundBrowserTests {

	private static final String JSON = "{\"type\":\"hello\",\"tags\":[1,true,null]}";

	private static final String PRETTY_JSON = """
			{
			  "type": "hello",
			  "tags": [
			    1,
			    true,
			    null
			  ]
			}""";

	@Test
	void sendsValidJsonAndPrettyPrintsItWhenSentAndWhenReceived() {
		this.page.connect();
		this.page.choose("mode-json");

		this.page.sendAndAwaitEcho(JSON);

		List<WebElement> entries = this.page.entries();
		assertEntry(entries.get(0), "received", PRETTY_JSON);
		assertEntry(entries.get(1), "sent", PRETTY_JSON);
		assertThat(this.page.byId("composer-error").isDisplayed()).isFalse();
	}

	@Test
	void showsInvalidJsonInlineAndSendsNothing() {
		this.page.connect();
		this.page.choose("mode-json");

		this.page.type("message", "{\"type\": ", Keys.ENTER);

		this.page.await().until((d) -> this.page.byId("composer-error").isDisplayed());
		assertThat(this.page.text("composer-error")).startsWith("Invalid JSON, not sent: ");
		assertThat(this.page.byId("message").getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(this.page.entries("sent")).isEmpty();
		assertThat(this.page.text("metric-sent")).isEqualTo("0 messages · 0 B");
	}

	@Test
	void startsANewLineWithShiftEnterInJsonModeAndSendsWithEnter() {
		this.page.connect();
		this.page.choose("mode-json");

		this.page.type("message", "{\"a\": 1,", Keys.chord(Keys.SHIFT, Keys.ENTER), "\"b\": 2}");

		assertThat(this.page.value("message")).isEqualTo("{\"a\": 1,\n\"b\": 2}");
		assertThat(this.page.entries("sent")).isEmpty();
		this.page.byId("message").sendKeys(Keys.ENTER);
		this.page.awaitNewest("received", "{\n  \"a\": 1,\n  \"b\": 2\n}");
	}

	@Test
	void sendsHexAsAnArrayBufferAUint8ArrayOrABlob() {
		this.page.script("""
				window.sentTypes = [];
				const send = WebSocket.prototype.send;
				WebSocket.prototype.send = function (data) {
				  window.sentTypes.push(Object.prototype.toString.call(data));
				  return send.call(this, data);
				};
				""");
		this.page.connect();
		this.page.choose("mode-binary");

		for (String wrapper : List.of("ArrayBuffer", "Uint8Array", "Blob")) {
			new Select(this.page.byId("send-as")).selectByValue(wrapper);
			this.page.sendAndAwaitEcho("01 02 ff");
			assertEntry(this.page.entries("sent").get(0), "sent", "binary as " + wrapper + ", 3 bytes");
		}

		assertThat(this.page.script("return window.sentTypes;"))
			.isEqualTo(List.of("[object ArrayBuffer]", "[object Uint8Array]", "[object Blob]"));
		WebElement echo = this.page.newest();
		assertEntry(echo, "received", "binary as Blob, 3 bytes");
		assertThat(echo.findElement(By.cssSelector(".hexdump pre")).getText())
			.isEqualTo("00000000  01 02 ff" + " ".repeat(42) + "|...|");
	}

	@Test
	void sendsBase64AndRefusesWhatIsNeitherHexNorBase64() {
		this.page.connect();
		this.page.choose("mode-binary");
		this.page.type("message", "01 zz", Keys.ENTER);
		assertThat(this.page.text("composer-error"))
			.isEqualTo("“zz” is not hex: use digits 0–9 and a–f, like 01 02 ff.");

		this.page.choose("encoding-base64");
		this.page.type("message", "AQL/!", Keys.ENTER);
		assertThat(this.page.text("composer-error")).startsWith("Not valid Base64");
		assertThat(this.page.entries("sent")).isEmpty();

		this.page.sendAndAwaitEcho("AQL/");

		assertThat(this.page.newest().findElement(By.cssSelector(".hexdump pre")).getText())
			.startsWith("00000000  01 02 ff ");
	}

	@Test
	void sendsAChosenFileAndShowsTheFirst256BytesOfItsEchoExpandable(@TempDir Path directory) throws Exception {
		byte[] content = new byte[300];
		for (int i = 0; i < content.length; i++) {
			content[i] = (byte) i;
		}
		Path file = Files.write(directory.resolve("payload.bin"), content);
		this.page.connect();
		this.page.choose("mode-binary");
		this.page.choose("encoding-file");
		new Select(this.page.byId("send-as")).selectByValue("Blob");

		this.page.byId("file").sendKeys(file.toAbsolutePath().toString());
		this.page.click("send");

		this.page.await().until((d) -> !this.page.entries("received").isEmpty());
		WebElement echo = this.page.newest();
		assertEntry(echo, "received", "binary as Blob, 300 bytes");
		assertThat(dumpRows(echo)).hasSize(16);
		assertThat(dumpRows(echo).get(15)).startsWith("000000f0  f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff");
		assertThat(echo.findElement(By.className("hexdump-note")).getText()).isEqualTo("first 256 of 300 bytes");

		echo.findElement(By.cssSelector(".hexdump button")).click();

		assertThat(dumpRows(echo)).hasSize(19);
		assertThat(dumpRows(echo).get(18)).startsWith("00000120  20 21 22 23 24 25 26 27  28 29 2a 2b");
		assertThat(echo.findElement(By.className("hexdump-note")).getText()).isEqualTo("300 bytes");
	}

	@Test
	void receivesBinaryAsTheChosenBinaryTypeAndShowsItInTheStatusPanel() {
		assertThat(this.page.text("status-binary-type")).isEqualTo("blob");
		this.page.connect();
		this.page.openSettings();

		this.page.choose("binary-type-arraybuffer");
		this.page.choose("mode-binary");
		this.page.sendAndAwaitEcho("de ad be ef");

		assertThat(this.page.text("status-binary-type")).isEqualTo("arraybuffer");
		assertEntry(this.page.newest(), "received", "binary as ArrayBuffer, 4 bytes");
		assertThat(this.page.script("return document.querySelector('#log .entry .rtt') !== null;")).isEqualTo(true);
	}

	@Test
	void recallsSentMessagesWithUpAndDown() {
		this.page.connect();
		this.page.sendAndAwaitEcho("first");
		this.page.sendAndAwaitEcho("second");
		this.page.type("message", "draft");
		WebElement message = this.page.byId("message");

		message.sendKeys(Keys.ARROW_UP);
		assertThat(this.page.value("message")).isEqualTo("second");
		message.sendKeys(Keys.ARROW_UP);
		assertThat(this.page.value("message")).isEqualTo("first");
		message.sendKeys(Keys.ARROW_UP);
		assertThat(this.page.value("message")).isEqualTo("first");
		message.sendKeys(Keys.ARROW_DOWN);
		assertThat(this.page.value("message")).isEqualTo("second");
		message.sendKeys(Keys.ARROW_DOWN);
		assertThat(this.page.value("message")).isEqualTo("draft");
	}

	@Test
	void savesSendsAndDeletesNamedSnippetsThatSurviveAReload() {
		this.page.connect();
		this.page.choose("mode-json");
		this.page.type("message", "{\"ping\":1}");
		this.page.type("snippet-name", "ping", Keys.ENTER);
		this.page.await().until((d) -> snippets().size() == 1);

		this.page.reload();
		this.page.connect();
		this.page.choose("mode-text");
		assertThat(snippets()).singleElement().satisfies((snippet) -> {
			assertThat(snippet.findElement(By.className("snippet-name")).getText()).isEqualTo("ping");
			assertThat(snippet.findElement(By.className("snippet-preview")).getText()).isEqualTo("json · {\"ping\":1}");
		});

		snippets().get(0).findElement(By.cssSelector("button[data-action='send']")).click();
		this.page.awaitNewest("received", "{\n  \"ping\": 1\n}");
		assertEntry(this.page.entries("sent").get(0), "sent", "{\n  \"ping\": 1\n}");

		snippets().get(0).findElement(By.cssSelector("button[data-action='delete']")).click();
		assertThat(snippets()).isEmpty();
		this.page.reload();
		assertThat(snippets()).isEmpty();
	}

	@Test
	void refusesToSaveASnippetWithoutAName() {
		this.page.click("save-snippet");

		assertThat(this.page.text("snippet-error")).isEqualTo("Name the snippet first.");
		assertThat(snippets()).isEmpty();
	}

	private List<WebElement> snippets() {
		return this.page.driver().findElements(By.cssSelector("#snippets .snippet"));
	}

	private static List<String> dumpRows(WebElement entry) {
		return List.of(entry.findElement(By.cssSelector(".hexdump pre")).getText().split("\n"));
	}

}
