// Errors and warnings shown in the page (never only in the console): one box each, dismissable,
// the newest first; a new run clears the old ones.

import { byId, el } from './dom.js';

export type MessageKind = 'error' | 'warning';

export function showMessage(kind: MessageKind, text: string): void {
  const box = el('div', { className: `message ${kind}` });
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const close = el('button', { type: 'button', textContent: 'Dismiss' });
  close.setAttribute('aria-label', `Dismiss: ${text}`);
  close.addEventListener('click', () => box.remove());
  box.append(el('span', { textContent: `${kind === 'error' ? 'Error' : 'Note'}: ${text}` }), close);
  byId('messages').prepend(box);
}

export function clearMessages(): void {
  byId('messages').replaceChildren();
}

/** The user-facing text of a thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
