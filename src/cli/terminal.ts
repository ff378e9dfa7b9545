import { styleText } from 'node:util';
import type { Writable } from 'node:stream';

type Style = Parameters<typeof styleText>[0];

/**
 * What a terminal would act on rather than print: C0 controls but newline and tab (a carriage
 * return or backspace rewrites what is on screen), DEL, C1 controls (U+009B is a CSI and U+009D an
 * OSC on their own) and the bidi embeddings, overrides and isolates that reorder a line (Trojan
 * Source). ESC, which starts every escape sequence, is among them. An SGR sequence (colour) is
 * matched whole so the CLI's own can be kept.
 */
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /\u001b\[([\d;]*)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The SGR parameters `paint` writes (styleText's red, green, yellow, dim, bold and their resets). */
const OWN_STYLES = new Set(['1', '2', '22', '31', '32', '33', '39']);

/**
 * Text from elsewhere (event names, customer names, HelpCrunch's answers, file contents) made safe
 * to print: each control character becomes its \uXXXX escape, visible and harmless. Inside JSON
 * (--json) that is the same string, escaped: JSON.stringify leaves C1 and bidi characters raw, and
 * never writes a raw C0 one. With `keepOwnStyles`, the colour sequences `paint` makes survive.
 */
export function printable(text: string, keepOwnStyles = false): string {
  return text.replace(CONTROL, (match, style: string | undefined) => {
    if (style !== undefined && keepOwnStyles && OWN_STYLES.has(style)) return match;
    return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}${match.slice(1)}`;
  });
}

/**
 * The CLI's two streams: stdout is data only, stderr is everything else (status, warnings, errors,
 * progress). Colour only on a TTY, and never with NO_COLOR (set and not empty), TERM=dumb or --no-color.
 */
export class Terminal {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly color: boolean;

  constructor(options: { stdout?: Terminal['stdout']; stderr?: Terminal['stderr']; env?: Record<string, string | undefined>; noColor?: boolean } = {}) {
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
    const env = options.env ?? process.env;
    this.color = !options.noColor && !!this.stderr.isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
  }

  /** True when a person is watching stderr: progress and prompts only then. */
  get interactive(): boolean {
    return !!this.stderr.isTTY;
  }

  /** A line of data on stdout (control characters escaped: the one place data goes out). */
  data(line: string): void {
    this.stdout.write(`${printable(line, this.stdout.isTTY === true && this.color)}\n`);
  }

  /** A status line on stderr (control characters escaped, the CLI's own colours kept). */
  info(line: string): void {
    this.stderr.write(`${printable(line, this.color)}\n`);
  }

  success(line: string): void {
    this.info(this.paint('green', line));
  }

  warn(line: string): void {
    this.info(this.paint('yellow', line));
  }

  /** One line saying what went wrong, one line saying how to fix it. */
  error(message: string, hint?: string): void {
    this.info(`${this.paint('red', 'Error:')} ${message}`);
    if (hint) this.info(this.paint('dim', hint));
  }

  paint(style: Style, text: string): string {
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }
}
