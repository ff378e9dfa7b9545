import { styleText } from 'node:util';
import type { Writable } from 'node:stream';

type Style = Parameters<typeof styleText>[0];

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

  /** A line of data on stdout. */
  data(line: string): void {
    this.stdout.write(`${line}\n`);
  }

  /** A status line on stderr. */
  info(line: string): void {
    this.stderr.write(`${line}\n`);
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
