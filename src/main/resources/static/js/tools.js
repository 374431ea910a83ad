// The test-server tools panel: tabs for Lab, Chat and SSE, each a module of its own.

import { ChatPanel } from './chat.js';
import { LabPanel } from './lab.js';
import { SsePanel } from './sse.js';

function wireTabs(root) {
  const tabs = Array.from(root.querySelectorAll('[role="tab"]'));
  const select = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      root.querySelector(`#${other.getAttribute('aria-controls')}`).hidden = !selected;
    }
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step) {
        const next = tabs[(index + step + tabs.length) % tabs.length];
        select(next);
        next.focus();
      }
    });
  });
}

/**
 * Sets up the panel. `connection` and `log` are the playground's; `connectTo(url)` opens the
 * playground's connection to `url`. Returns `render()`, to call whenever the connection changes.
 */
export function initTools(root, { connection, log, connectTo }) {
  const paths = root.dataset;
  wireTabs(root);
  const lab = new LabPanel(root.querySelector('#tool-lab'), { connection, log, labPath: paths.labPath, connectTo });
  new ChatPanel(root.querySelector('#tool-chat'), { chatPath: paths.chatPath });
  new SsePanel(root.querySelector('#tool-sse'), { log, ticksPath: paths.sseTicksPath, chatPath: paths.sseChatPath });
  return { render: () => lab.render() };
}
