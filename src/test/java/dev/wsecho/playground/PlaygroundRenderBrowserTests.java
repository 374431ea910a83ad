package dev.wsecho.playground;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The page is drawn from one state object: render(state), given a state written by hand,
 * draws exactly that state into the served page, whatever the page's own state is.
 */
class PlaygroundRenderBrowserTests extends AbstractPlaygroundBrowserTests {

	@Test
	void drawsAFreshStateAsThePageIsServed() {
		Map<String, Object> page = render("""
				const state = createState({ ...DEFAULTS });
				state.connection = { readyState: WebSocket.CLOSED, socket: null };
				state.reconnector = { attempt: 0, waiting: false, remainingMs: 0 };
				""");

		assertThat(page).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(entry("connectDisabled", false),
				entry("disconnectDisabled", true), entry("urlReadOnly", false), entry("protocolsReadOnly", false),
				entry("connectionError", "(hidden)"), entry("closeError", "(hidden)"),
				entry("snippetError", "(hidden)"), entry("state", "CLOSED (3)"),
				entry("stateClass", "state state--closed"), entry("url", "–"), entry("protocol", "–"),
				entry("extensions", "–"), entry("binaryType", "blob"), entry("close", "–"), entry("reconnect", "off"),
				entry("countdown", ""), entry("cancelHidden", true), entry("sent", "0 messages · 0 B"),
				entry("received", "0 messages · 0 B"), entry("uptime", "–"), entry("last", "–"), entry("p50", "–"),
				entry("p99", "–"),
				entry("note", "No echoes yet: each one sent to an echo server shows its round trip here."),
				entry("widgets", List.of(List.of("composer", false), List.of("snippets", false), List.of("chart", 0L),
						List.of("tools")))));
	}

	@Test
	void drawsAnOpenConnectionWithItsTrafficRoundTripsAndAnInlineError() {
		Map<String, Object> page = render("""
				const state = createState({ ...DEFAULTS, binaryType: 'arraybuffer', reconnect: true, reconnectMax: 5 });
				const socket = { readyState: WebSocket.OPEN, url: 'ws://example.test/ws/echo', protocol: 'chat',
				                 extensions: 'permessage-deflate' };
				state.connection = { readyState: WebSocket.OPEN, socket };
				state.reconnector = { attempt: 0, waiting: false, remainingMs: 0 };
				state.lastClose = { code: 4000, reason: 'bye', wasClean: true };
				state.errors.close = 'The reason is 124 bytes in UTF-8; a close reason can have at most 123.';
				let now = 1000;
				state.traffic = new Traffic(() => now);
				state.traffic.opened();
				state.traffic.recordSent(5);
				state.traffic.recordSent(4);
				state.traffic.recordReceived(9);
				now = 8500;
				[3, 5, 12].forEach((ms) => state.rtt.samples.add(ms));
				""");

		assertThat(page).containsAllEntriesOf(Map.ofEntries(entry("connectDisabled", true),
				entry("disconnectDisabled", false), entry("urlReadOnly", true), entry("protocolsReadOnly", true),
				entry("connectionError", "(hidden)"),
				entry("closeError", "The reason is 124 bytes in UTF-8; a close reason can have at most 123."),
				entry("state", "OPEN (1)"), entry("stateClass", "state state--open"),
				entry("url", "ws://example.test/ws/echo"), entry("protocol", "chat"),
				entry("extensions", "permessage-deflate"), entry("binaryType", "arraybuffer"),
				entry("close", "4000 application “bye” · wasClean true"), entry("reconnect", "on · up to 5 attempts"),
				entry("cancelHidden", true), entry("sent", "2 messages · 9 B"), entry("received", "1 message · 9 B"),
				entry("uptime", "0:00:07"), entry("last", "12 ms"), entry("p50", "5.0 ms"), entry("p99", "12 ms"),
				entry("note", "3 samples"), entry("widgets", List.of(List.of("composer", true),
						List.of("snippets", true), List.of("chart", 3L), List.of("tools")))));
	}

	@Test
	void drawsAReconnectCountdownAfterAFailedAttemptToAServerThatIsNoEcho() {
		Map<String, Object> page = render(
				"""
						const state = createState({ ...DEFAULTS, reconnect: true, reconnectMax: 5 });
						const socket = { readyState: WebSocket.CLOSED, url: 'ws://example.test/ws/echo', protocol: '', extensions: '' };
						state.connection = { readyState: WebSocket.CLOSED, socket };
						state.reconnector = { attempt: 2, waiting: true, remainingMs: 1500 };
						state.lastClose = { code: 1006, reason: '', wasClean: false };
						state.errors.connection = 'Could not connect to ws://example.test/ws/echo: the server is unreachable.';
						state.rtt.matcher.stop();
						""");

		assertThat(page)
			.containsAllEntriesOf(Map.ofEntries(entry("connectDisabled", false), entry("disconnectDisabled", true),
					entry("connectionError",
							"Could not connect to ws://example.test/ws/echo: the server is unreachable."),
					entry("state", "CLOSED (3)"), entry("url", "ws://example.test/ws/echo"), entry("protocol", "–"),
					entry("close", "1006 Abnormal Closure · wasClean false"), entry("reconnect", "attempt 2 of 5"),
					entry("countdown", "in 1.5 s"), entry("cancelHidden", false),
					entry("note", "replies are not echoes of what was sent: no round-trip times for this connection")));
	}

	/**
	 * Builds a state with {@code script} (which has createState, DEFAULTS and Traffic,
	 * and declares {@code state}), renders it with stand-ins for the widgets that draw
	 * themselves, and reads what the page shows in the same task, before the page's own
	 * redraw can run.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> render(String script) {
		return (Map<String, Object>) this.page.asyncScript("""
				const done = arguments[arguments.length - 1];
				const script = arguments[0];
				Promise.all(['render', 'state', 'settings', 'metrics'].map((name) => import(`/js/${name}.js`)))
				  .then(([{ createRender }, { createState }, { DEFAULTS }, { Traffic }]) => {
				    const widgets = [];
				    const render = createRender(document, {
				      composer: { setEnabled: (enabled) => widgets.push(['composer', enabled]) },
				      snippets: { setSendable: (sendable) => widgets.push(['snippets', sendable]) },
				      chart: { render: (samples) => widgets.push(['chart', samples.total]) },
				      tools: { render: () => widgets.push(['tools']) },
				    });
				    const state = new Function('createState', 'DEFAULTS', 'Traffic', `${script}; return state;`)(
				      createState, DEFAULTS, Traffic);
				    render(state);
				    const $ = (id) => document.getElementById(id);
				    const text = (id) => $(id).textContent;
				    const error = (id) => ($(id).hidden ? '(hidden)' : text(id));
				    done({
				      connectDisabled: $('connect').disabled, disconnectDisabled: $('disconnect').disabled,
				      urlReadOnly: $('url').readOnly, protocolsReadOnly: $('protocols').readOnly,
				      connectionError: error('connection-error'), closeError: error('close-error'),
				      snippetError: error('snippet-error'),
				      state: text('status-state'), stateClass: $('status-state').className, url: text('status-url'),
				      protocol: text('status-protocol'), extensions: text('status-extensions'),
				      binaryType: text('status-binary-type'), close: text('status-close'),
				      reconnect: text('status-reconnect'), countdown: text('reconnect-countdown'),
				      cancelHidden: $('cancel-reconnect').hidden,
				      sent: text('metric-sent'), received: text('metric-received'), uptime: text('metric-uptime'),
				      last: text('rtt-last'), p50: text('rtt-p50'), p99: text('rtt-p99'), note: text('rtt-note'),
				      widgets,
				    });
				  })
				  .catch((error) => done({ failed: String(error) }));
				""", script);
	}

}
