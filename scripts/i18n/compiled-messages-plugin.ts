import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

/** The message catalogues this plugin compiles: src/renderer/src/i18n/messages/<locale>.json. */
export const CATALOGUE_PATTERN = /[\\/]src[\\/]renderer[\\/]src[\\/]i18n[\\/]messages[\\/][a-z]{2}(?:-[A-Za-z]+)?\.json$/;

/** Parses every message of a catalogue to its ICU AST; a message that does not parse fails with its key. */
export function compileCatalogue(source: Readonly<Record<string, unknown>>): Record<string, MessageFormatElement[]> {
  const compiled: Record<string, MessageFormatElement[]> = {};
  for (const [key, message] of Object.entries(source)) {
    if (typeof message !== 'string') throw new Error(`Message "${key}" is not a string.`);
    try {
      compiled[key] = parse(message);
    } catch (error) {
      throw new Error(`Message "${key}" is not valid ICU MessageFormat: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return compiled;
}

/**
 * Ships the renderer's catalogues as precompiled ICU ASTs and leaves FormatJS's ICU parser out of the
 * bundle (its "no-parser" build; FormatJS measures it ~40% smaller, docs/i18n.md has our figures). The
 * parse then happens once at build time, and a malformed message fails the build instead of a screen.
 * Without this plugin the app still works: react-intl parses the JSON's strings at run time.
 */
export function compiledMessages(): Plugin {
  return {
    name: 'event-desk:compiled-messages',
    // Before Vite's JSON plugin, which turns the (still JSON) result into a module as for any .json.
    enforce: 'pre',
    config: () => ({
      resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] },
    }),
    transform(code, id) {
      if (!CATALOGUE_PATTERN.test(id.split('?', 1)[0] ?? id)) return null;
      return { code: JSON.stringify(compileCatalogue(JSON.parse(code) as Record<string, unknown>)), map: null };
    },
  };
}
