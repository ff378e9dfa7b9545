/** Bodies larger than this are cut: HelpCrunch's answers are small, a hostile server's need not be. */
export const RESPONSE_BODY_MAX_BYTES = 1024 * 1024;

/** Reads at most `limit` bytes of a response body as UTF-8 and says whether the rest was dropped. */
export async function readCappedText(response: Response, limit = RESPONSE_BODY_MAX_BYTES): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - size));
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  // HelpCrunch's answers arrive in one chunk: decoded as they are, without a copy.
  return { text: decoder.decode(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)), truncated };
}

/** Stateless between calls (no `stream` option), so one serves every response. */
const decoder = new TextDecoder();
