// Writing text into the page: only real changes, so that live regions announce nothing twice.

export function setText(element, text) {
  // The page redraws several times a second, and a live region announces each write.
  if (element.textContent !== text) {
    element.textContent = text;
  }
}

/** An inline error: shown with `message`, hidden without one. */
export function showError(element, message) {
  setText(element, message ?? '');
  element.hidden = !message;
}
