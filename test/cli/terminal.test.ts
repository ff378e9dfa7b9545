import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printable, Terminal } from '../../src/cli/terminal.ts';

/** A stream that keeps what was written, a TTY or not. */
function capture(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return Object.assign(stream, { isTTY, text: () => chunks.join('') });
}

// What a hostile event name or server answer may hold: a title-setting OSC, a clear-screen CSI,
// a carriage return that rewrites the line, 8-bit CSI and OSC, a bidi override, a backspace, BEL.
const hostile = 'Refund\u001b]0;pwned\u0007 \u001b[2J\rOK \u009b31m \u009d8;;x \u202eevil\u202c \b\u007f';

describe('the CLI prints other people\'s text, never their control characters', () => {
  it('every control character becomes a visible escape; newlines and tabs stay', () => {
    const out = printable(`${hostile}\n\tnext`);
    // oxlint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toBe('Refund\\u001b]0;pwned\\u0007 \\u001b[2J\\u000dOK \\u009b31m \\u009d8;;x \\u202eevil\\u202c \\u0008\\u007f\n\tnext');
  });

  it('data and status lines are cleaned, on a terminal and in a pipe', () => {
    for (const isTTY of [true, false]) {
      const stdout = capture(isTTY);
      const stderr = capture(isTTY);
      const terminal = new Terminal({ stdout, stderr, env: {} });
      terminal.data(`1  ${hostile}`);
      terminal.info(`Sent ${hostile}`);
      terminal.error(`HelpCrunch said: ${hostile}`, `hint ${hostile}`);
      for (const text of [stdout.text(), stderr.text()]) {
        // oxlint-disable-next-line no-control-regex -- looking for control characters is the point
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\u001b(?!\[(?:1|2|22|31|32|33|39)m)/);
        expect(text).toContain('\\u001b]0;pwned');
      }
    }
  });

  it('the CLI\'s own colours still work, and text cannot borrow them to hide itself', () => {
    const stderr = capture(true);
    const terminal = new Terminal({ stdout: capture(true), stderr, env: {} });
    terminal.error('it failed', 'try again');
    terminal.warn('careful \u001b[8mhidden\u001b[28m');
    const text = stderr.text();
    expect(text).toContain('\u001b[31mError:\u001b[39m it failed');
    expect(text).toContain('\u001b[2mtry again\u001b[22m');
    expect(text).toContain('\u001b[33mcareful \\u001b[8mhidden\\u001b[28m\u001b[39m');
  });

  it('--json stays valid JSON and says exactly what the data holds', () => {
    const stdout = capture(false);
    const terminal = new Terminal({ stdout, stderr: capture(false), env: {} });
    const entry = { name: hostile, responseBody: `{"error": "${hostile}"}` };
    terminal.data(JSON.stringify(entry));
    terminal.data(JSON.stringify(entry, null, 2));
    const [line, ...pretty] = stdout.text().trimEnd().split('\n');
    expect(JSON.parse(line!)).toEqual(entry);
    expect(JSON.parse(pretty.join('\n'))).toEqual(entry);
    expect(stdout.text()).not.toMatch(/[\u0080-\u009f\u202a-\u202e]/);
  });
});
