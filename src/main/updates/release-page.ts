import { parse } from 'yaml';

/**
 * The release page a .deb/.rpm user is sent to, from the app-update.yml electron-builder writes into
 * the package (its `publish` setting): https://github.com/<owner>/<repo>/releases/latest. Read as
 * hostile text: only a GitHub owner and repository name of GitHub's own characters make a link.
 */
export function releasesUrl(appUpdateYml: string): string | null {
  let feed: unknown;
  try {
    feed = parse(appUpdateYml.slice(0, 10_000), { maxAliasCount: 0 });
  } catch {
    return null;
  }
  if (typeof feed !== 'object' || feed === null) return null;
  const { provider, owner, repo } = feed as Record<string, unknown>;
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
  if (provider !== 'github' || typeof owner !== 'string' || typeof repo !== 'string' || !name.test(owner) || !name.test(repo)) return null;
  return `https://github.com/${owner}/${repo}/releases/latest`;
}
