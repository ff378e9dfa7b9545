import type { IpcMainInvokeEvent } from 'electron';

/**
 * Only our own page, in the window's main frame, may call main. A subframe (an injected iframe)
 * is refused even on our origin. For the built app the page must be exactly our index.html; for
 * the dev server, its origin.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, page: URL): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame || !URL.canParse(frame.url)) return false;
  const url = new URL(frame.url);
  if (page.protocol === 'file:') return url.protocol === 'file:' && url.pathname === page.pathname;
  return url.origin === page.origin;
}
