// The snippet form: saves what the composer holds under a name, for the snippet list to send again.

/** Why `value` (the composer's) cannot be saved as a snippet called `name`, or null. */
export function snippetProblem(name, value) {
  if (!name) {
    return 'Name the snippet first.';
  }
  if (value.mode === 'binary' && value.encoding === 'file') {
    return 'A file cannot be saved as a snippet: paste its bytes as hex or Base64.';
  }
  return null;
}

export function initSnippetForm(document, state, { composer, snippets, render }) {
  const name = document.getElementById('snippet-name');
  document.getElementById('snippet-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = composer.value;
    state.errors.snippet = snippetProblem(name.value.trim(), value);
    render();
    if (state.errors.snippet) {
      return;
    }
    snippets.save({ name: name.value.trim(), mode: value.mode, encoding: value.encoding, sendAs: value.sendAs, text: value.text });
    name.value = '';
  });
}
