/** Sites a link in the app may open in the user's browser: HelpCrunch's documentation and help. */
const ALLOWED_HOSTS = new Set(['docs.helpcrunch.com', 'helpcrunch.com', 'www.helpcrunch.com']);

/**
 * Only https links to an allowed host, with no credentials: anything else stays closed. `exact` adds
 * whole addresses main itself decided (the release page of the update feed), never a host.
 */
export function isAllowedExternalUrl(text: string, exact: readonly string[] = []): boolean {
  if (!URL.canParse(text)) return false;
  if (exact.includes(text) && text.startsWith('https://')) return true;
  const url = new URL(text);
  return url.protocol === 'https:' && ALLOWED_HOSTS.has(url.hostname) && url.username === '' && url.password === '' && url.port === '';
}
