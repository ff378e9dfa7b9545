import { UsageError } from './exit-codes.ts';

/** What is piped in, as UTF-8 text; more than `maxBytes` is refused with `tooLarge` and never held. */
export async function readStdin(maxBytes: number, tooLarge: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new UsageError(tooLarge);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
