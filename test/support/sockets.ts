/**
 * After the mock resets its idle keep-alive sockets (a reset-on-connect fault), the client's pool
 * drops them the next time its event loop reads: two turns of the loop guarantee one full poll
 * phase in between. A state, not a time: the RST is already in the kernel's queue on loopback.
 */
export async function clientDroppedResetSockets(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}
