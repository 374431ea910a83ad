// Wires the playground: each job is a module of its own, and every change redraws through render(state).

import { Composer } from './composer.js';
import { initConnectionBar } from './connection-bar.js';
import { MessageLog } from './log.js';
import { LogToolbar } from './log-toolbar.js';
import { createReceiver } from './receive.js';
import { createRender } from './render.js';
import { RttChart } from './rtt-chart.js';
import { createSender } from './send.js';
import { createSession } from './session.js';
import { loadSettings } from './settings.js';
import { initSettingsForm } from './settings-form.js';
import { initSnippetForm } from './snippet-form.js';
import { Snippets } from './snippets.js';
import { createState, remember } from './state.js';
import { initTools } from './tools.js';

const $ = (id) => document.getElementById(id);

const state = createState(loadSettings());
// Modules redraw through this; `render` is made below, before any event can call it.
const draw = () => render(state);

const log = new MessageLog($('log'), { limit: state.settings.logLimit });
new LogToolbar(document, log);

const session = createSession(state, {
  log,
  render: draw,
  onMessage: createReceiver(state, { log, render: draw }),
  onOpen: () => composer.focus(),
});

const composer = new Composer($('send-form'), {
  onSubmit: (value) => send(value),
  onSettingsChange: (choices) => remember(state, choices),
});
const send = createSender(state, { composer, log, render: draw });
const snippets = new Snippets($('snippets'), {
  onSend: (snippet) => send({ ...snippet, file: null }),
});

const bar = initConnectionBar(document, state, { session, log, render: draw });
initSettingsForm(document, state, { session, log, render: draw });
initSnippetForm(document, state, { composer, snippets, render: draw });
// The test-server tools (lab, chat, SSE) share the connection and the log.
const tools = initTools($('tools'), { connection: state.connection, log, connectTo: bar.connectTo });

const render = createRender(document, { composer, snippets, tools, chart: new RttChart($('rtt-chart')) });

const { mode, encoding, sendAs } = state.settings;
composer.load({ mode, encoding, sendAs });
snippets.render();
draw();
// The reconnect countdown and the uptime move on their own.
setInterval(draw, 200);
// The static page already says CLOSED; this says the controls are wired (browser tests wait for it).
document.body.dataset.ready = 'true';
