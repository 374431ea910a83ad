// The Settings form: shows the saved settings, and applies and saves each change at once.

import { clampInt } from './settings.js';
import { remember } from './state.js';

/** The number fields: id, setting, and the range a typed value is held within. */
const NUMBERS = [
  ['reconnect-max', 'reconnectMax', 1, 100],
  ['reconnect-base', 'reconnectBaseMs', 10, 30000],
  ['log-limit', 'logLimit', 10, 100000],
];

export function initSettingsForm(document, state, { session, log, render }) {
  const $ = (id) => document.getElementById(id);
  const { settings } = state;

  document.querySelectorAll('input[name="binary-type"]').forEach((radio) => {
    radio.checked = radio.value === settings.binaryType;
    radio.addEventListener('change', () => {
      remember(state, { binaryType: radio.value });
      session.setBinaryType(radio.value);
      render();
    });
  });

  const reconnect = $('reconnect');
  reconnect.checked = settings.reconnect;
  reconnect.addEventListener('change', () => {
    remember(state, { reconnect: reconnect.checked });
    if (!reconnect.checked) {
      session.reconnectTurnedOff();
    }
    render();
  });

  for (const [id, key, min, max] of NUMBERS) {
    const field = $(id);
    field.value = settings[key];
    field.addEventListener('change', () => {
      const value = clampInt(field.value, min, max, settings[key]);
      field.value = value;
      remember(state, { [key]: value });
      if (key === 'logLimit') {
        log.setLimit(value);
      }
      render();
    });
  }

  const protocols = $('protocols');
  protocols.value = settings.protocols;
  protocols.addEventListener('change', () => remember(state, { protocols: protocols.value.trim() }));
}
