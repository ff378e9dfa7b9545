import { Radio, RadioGroup, Text } from 'react-aria-components';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../../shared/i18n/locale.ts';
import { useChooseLanguage, useLanguage } from '../../api/language-hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

const SYSTEM = 'system';

/** The window's language: follow the system, or one of the three, switched at once without a restart. */
export function LanguageSection() {
  const t = useT();
  const words = useFailureWords();
  const language = useLanguage();
  const choose = useChooseLanguage();
  if (!language.data) return null;
  const { chosen, system, source, locale } = language.data;
  return (
    <section className="settings-section" aria-labelledby="language-title">
      <h3 id="language-title">{t('settings.language')}</h3>
      <RadioGroup
        className="radio-group"
        value={chosen ?? SYSTEM}
        onChange={(value) => choose.mutate(value === SYSTEM ? null : (value as Locale))}
        aria-labelledby="language-title"
        aria-describedby="language-note"
      >
        <Radio value={SYSTEM} className="radio">{t('settings.languageFollowSystem', { name: LOCALE_NAMES[system] })}</Radio>
        {LOCALES.map((option) => (
          // Each language named in itself (a Pole looks for "Polski"), and marked as that language for screen readers.
          <Radio key={option} value={option} className="radio" lang={option}>
            {LOCALE_NAMES[option]}
          </Radio>
        ))}
        <Text slot="description" id="language-note" className="muted">
          {source === 'env' ? t('settings.languageFromEnv', { locale }) : t('settings.languageNote')}
        </Text>
      </RadioGroup>
      {choose.error && <p className="notice error" role="alert">{words(choose.error).message}</p>}
    </section>
  );
}
