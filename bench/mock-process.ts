import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Starts the mock API in its own process (so it does not share the measured event loop). */
export async function startMockProcess(rateLimit = 1_000_000, latencyMs = 0): Promise<{ url: string; key: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, '../tools/mock-api/cli.ts'), '--port', '0', '--rate-limit', String(rateLimit), '--latency', String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const [url, key] = await new Promise<[string, string]>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printedUrl = /listening on (\S+)/.exec(output)?.[1];
      const printedKey = /API key: (\S+)/.exec(output)?.[1];
      if (printedUrl && printedKey) resolve([printedUrl, printedKey]);
    });
    child.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
  });
  return { url, key, stop: () => child.kill() };
}
