/** Sites a link in the app may open in the user's browser: HelpCrunch's documentation and help. */
const ALLOWED_HOSTS = new Set(['docs.helpcrunch.com', 'helpcrunch.com', 'www.helpcrunch.com']);

/** Only https links to an allowed host, with no credentials: anything else stays closed. */
export function isAllowedExternalUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' && ALLOWED_HOSTS.has(url.hostname) && url.username === '' && url.password === '' && url.port === '';
}
