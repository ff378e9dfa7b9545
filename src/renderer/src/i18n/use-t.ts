import { useCallback } from 'react';
import { useIntl, type PrimitiveType } from 'react-intl';
import type { MessageKey } from './catalogue.ts';

/** A message's arguments: `{ count: 3 }` for "{count, plural, …}", `{ name }` for "Account: {name}". */
export type MessageValues = Readonly<Record<string, PrimitiveType>>;

/** Formats one message of the window's language; an unknown key is a type error. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/**
 * The `t` of the window's language: `t('history.entryCount', { count })` → "5 wpisów". Plain text only;
 * messages with markup go through react-intl's `<FormattedMessage>` (typed by the same keys).
 */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((key, values) => intl.formatMessage({ id: key }, values), [intl]);
}
