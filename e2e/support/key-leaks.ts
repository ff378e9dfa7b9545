import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files a test run may write that are not the app's output (Playwright's own traces hold typed input). */
const NOT_APP_OUTPUT = /(^|[\\/])(trace\.zip|.*\.webm|.*\.png)$/;

/** Every file under `folder` (missing folders are empty). */
function filesUnder(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(folder, name);
    try {
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    } catch {
      return [];
    }
  });
}

/**
 * Where any of the secrets appears: in the files of the given folders (user data: SQLite, WAL,
 * settings; exports; screenshots' page text) or in the given texts (the page at the end of a
 * test). Secrets are searched as bytes, so a key inside a binary SQLite page is found too.
 */
export function findKeyLeaks(secrets: string[], folders: string[], texts: Record<string, string>): string[] {
  const wanted = secrets.filter((secret) => secret.length >= 8).map((secret) => [secret, Buffer.from(secret)] as const);
  const hits: string[] = [];
  for (const file of folders.flatMap(filesUnder)) {
    if (NOT_APP_OUTPUT.test(file)) continue;
    const bytes = readFileSync(file);
    for (const [secret, needle] of wanted) if (bytes.includes(needle)) hits.push(`${file} contains the key ending ${secret.slice(-4)}`);
  }
  for (const [place, text] of Object.entries(texts)) {
    for (const [secret] of wanted) if (text.includes(secret)) hits.push(`${place} contains the key ending ${secret.slice(-4)}`);
  }
  return hits;
}
