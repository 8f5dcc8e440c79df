// Errors and warnings shown in the page (never only in the console), where the user is: a data
// error in the data panel under what was loaded, a fit's error next to the Fit button. A new
// error replaces the older ones of its place; a success clears them (main.ts, data-panel.ts).

import { byId, el } from './dom.js';

export type MessageKind = 'error' | 'warning';
/** The data panel's messages, or the run panel's (beside Fit). */
export type MessagePlace = 'data' | 'run';

const box = (place: MessagePlace) => byId(`${place}-messages`);

export function showMessage(place: MessagePlace, kind: MessageKind, text: string): void {
  const message = el('div', { className: `message ${kind}` });
  message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const close = el('button', { type: 'button', textContent: 'Dismiss' });
  close.setAttribute('aria-label', `Dismiss: ${text}`);
  close.addEventListener('click', () => message.remove());
  message.append(el('span', { textContent: `${kind === 'error' ? 'Error' : 'Note'}: ${text}` }), close);
  const list = box(place);
  if (kind === 'error') list.querySelectorAll('.message.error').forEach((old) => old.remove());
  list.prepend(message);
  message.scrollIntoView({ block: 'nearest' });
}

/** Clears one place's messages, or every place's. */
export function clearMessages(place?: MessagePlace): void {
  for (const p of place ? [place] : (['data', 'run'] as const)) box(p).replaceChildren();
}

/** The user-facing text of a thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
