import type { MessageFormatElement } from 'react-intl';
import type { Locale } from '../../../shared/i18n/locale.ts';
import en from './messages/en.json';
import pl from './messages/pl.json';
import uk from './messages/uk.json';

/** Every message's key. English is the source catalogue: a key exists when en.json has it. */
export type MessageKey = keyof typeof en;

/** A catalogue as written: every key, each an ICU MessageFormat string. */
export type SourceCatalogue = Readonly<Record<MessageKey, string>>;

/**
 * A catalogue as the app receives it: the JSON's strings, or their ASTs when the build precompiles the
 * messages (scripts/i18n/compiled-messages-plugin.ts), so that no ICU parser has to ship. react-intl takes both.
 */
export type RuntimeCatalogue = Readonly<Record<MessageKey, string>> | Readonly<Record<MessageKey, MessageFormatElement[]>>;

// `satisfies` makes a key missing from pl.json or uk.json a type error; an extra key, which the compiler
// cannot see in a JSON import, is caught by test/i18n/catalogue.test.ts.
export const catalogues: Readonly<Record<Locale, RuntimeCatalogue>> = {
  en,
  pl: pl satisfies SourceCatalogue,
  uk: uk satisfies SourceCatalogue,
};

// react-intl's own APIs (useIntl().formatMessage, <FormattedMessage>) then accept only known keys too.
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageKey;
    }
    interface IntlConfig {
      locale: Locale;
    }
  }
}
