import { useState, type ReactNode } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { FormattedMessage } from 'react-intl';
import { baseUrlSchema, DEFAULT_BASE_URL, type Settings } from '../../../../shared/settings.ts';
import { useSaveBaseUrl } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { useValidationWords } from '../../i18n/validation-words.ts';

// The catalogue's <code> markup, drawn the same on every render.
const code = (chunks: ReactNode[]) => <code>{chunks}</code>;

/** Where requests go: HelpCrunch by default, a mock or proxy when overridden. */
export function BaseUrlSection({ settings }: { settings: Settings }) {
  const t = useT();
  const issueWords = useValidationWords('baseUrl');
  const words = useFailureWords();
  const [text, setText] = useState(settings.baseUrl.source === 'settings' ? settings.baseUrl.value : '');
  const save = useSaveBaseUrl();
  const parsed = baseUrlSchema.safeParse(text);
  const error = text !== '' && !parsed.success ? issueWords(parsed.error) : undefined;
  const fromEnv = settings.baseUrl.source === 'env';

  return (
    <section className="settings-section" aria-labelledby="url-title">
      <h3 id="url-title">{t('app.apiBaseUrl')}</h3>
      <p data-testid="base-url">
        <FormattedMessage id="settings.requestsGoTo" values={{ url: settings.baseUrl.value, source: settings.baseUrl.source, code }} />
      </p>
      <form
        className="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        <TextField className="field" value={text} onChange={setText} isInvalid={!!error} isDisabled={fromEnv}>
          <Label>{t('settings.customBaseUrl')}</Label>
          <Input placeholder={DEFAULT_BASE_URL} spellCheck={false} />
          <Text slot="description">{t('settings.baseUrlHelp')}</Text>
          <FieldError>{error}</FieldError>
        </TextField>
        <div className="button-row">
          <Button type="submit" className="button" isDisabled={fromEnv || !parsed.success || save.isPending}>
            {t('settings.saveUrl')}
          </Button>
          <Button className="button" isDisabled={fromEnv || settings.baseUrl.source !== 'settings'} onPress={() => { setText(''); save.mutate(null); }}>
            {t('settings.useDefaultUrl')}
          </Button>
        </div>
      </form>
      {save.error && <p className="notice error" role="alert">{words(save.error).message}</p>}
    </section>
  );
}
