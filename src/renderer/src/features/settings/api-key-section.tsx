import { useState, type ReactNode } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiKeySchema, type ConnectionVerdict, type Settings } from '../../../../shared/settings.ts';
import { ApiError } from '../../api/api-context.tsx';
import { useRemoveKey, useSaveKey, useTestConnection } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { useValidationWords } from '../../i18n/validation-words.ts';
import { verdictWords } from './verdict-words.ts';

// The catalogue's markup (<code>, <strong>), drawn the same on every render.
const code = (chunks: ReactNode[]) => <code>{chunks}</code>;
const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** Paste, test, replace and remove the profile's API key. The key itself never comes back here. */
export function ApiKeySection({ settings }: { settings: Settings }) {
  const t = useT();
  const issueWords = useValidationWords('apiKey');
  const words = useFailureWords();
  const [key, setKey] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const save = useSaveKey();
  const remove = useRemoveKey();
  const test = useTestConnection();
  const parsed = apiKeySchema.safeParse(key);
  const keyError = touched && !parsed.success ? issueWords(parsed.error) : undefined;
  const keychainError = save.error instanceof ApiError && save.error.code.startsWith('keychain') ? save.error : null;
  const problem = keychainError ?? settings.keychainProblem;
  const problemWords = problem ? words(problem) : null;

  const store = (sessionOnly: boolean) => {
    setTouched(true);
    if (!parsed.success) return;
    test.reset();
    // A saved key empties the field for the next one: that empty field is fresh, not a mistake.
    save.mutate({ key: parsed.data, sessionOnly }, { onSuccess: () => { setKey(''); setTouched(false); } });
  };

  return (
    <section className="settings-section" aria-labelledby="key-title">
      <h3 id="key-title">{t('settings.keyTitle')}</h3>
      <p className="key-status" data-testid="key-status">
        <KeyStatusText settings={settings} />
      </p>
      {problem && (
        <div className="notice error" role="alert" data-testid="keychain-problem">
          <p>
            <strong>{problemWords?.message}</strong>
          </p>
          {problemWords?.hint && <p>{problemWords.hint}</p>}
          <p>{t('settings.sessionOnlyNote')}</p>
          <Button className="button" onPress={() => store(true)} isPending={save.isPending}>
            {t('settings.sessionOnly')}
          </Button>
        </div>
      )}
      <form
        className="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          store(false);
        }}
      >
        <TextField className="field" type="password" value={key} onChange={(value) => { setKey(value); setTouched(true); }} isInvalid={!!keyError} autoFocus>
          <Label>{settings.key.state === 'missing' ? t('settings.keyLabel') : t('settings.replaceKey')}</Label>
          <Input placeholder={t('settings.keyPlaceholder')} autoComplete="off" spellCheck={false} />
          <Text slot="description">{t('settings.keyHelp')}</Text>
          <FieldError>{keyError}</FieldError>
        </TextField>
        <div className="button-row">
          <Button type="submit" className="button primary" isPending={save.isPending}>
            {save.isPending ? t('settings.saving') : t('settings.saveKey')}
          </Button>
          <Button className="button" onPress={() => test.mutate()} isPending={test.isPending} isDisabled={settings.key.state === 'missing'}>
            {test.isPending ? t('settings.testing') : t('settings.testConnection')}
          </Button>
          {settings.key.state !== 'missing' &&
            (confirmRemove ? (
              <span className="confirm" role="group" aria-label={t('settings.confirmRemoveLabel')}>
                {t('settings.confirmRemove')}{' '}
                <Button className="button danger" onPress={() => remove.mutate(undefined, { onSettled: () => setConfirmRemove(false) })} autoFocus>
                  {t('settings.remove')}
                </Button>
                <Button className="button" onPress={() => setConfirmRemove(false)}>
                  {t('settings.keepKey')}
                </Button>
              </span>
            ) : (
              <Button className="button danger-outline" onPress={() => setConfirmRemove(true)}>
                {t('settings.removeKey')}
              </Button>
            ))}
        </div>
      </form>
      {save.error && !keychainError && <p className="notice error" role="alert">{words(save.error).message}</p>}
      {remove.error && <p className="notice error" role="alert">{words(remove.error).message}</p>}
      {test.data && <Verdict verdict={test.data} />}
      {test.error && <p className="notice error" role="alert">{words(test.error).message}</p>}
    </section>
  );
}

function KeyStatusText({ settings }: { settings: Settings }) {
  const t = useT();
  const { state, last4, origin, withheld } = settings.key;
  if (withheld) {
    return <FormattedMessage id="settings.keyWithheld" values={{ last4, origin, address: new URL(settings.baseUrl.value).origin, code, strong }} />;
  }
  if (state === 'keychain') return <FormattedMessage id="settings.keyInKeychain" values={{ last4, code }} />;
  if (state === 'session') return <FormattedMessage id="settings.keyInSession" values={{ last4, code }} />;
  return <>{t('settings.noKey')}</>;
}

function Verdict({ verdict }: { verdict: ConnectionVerdict }) {
  const t = useT();
  const { locale } = useIntl();
  const tone = verdict.verdict === 'works' ? 'success' : verdict.verdict === 'rate_limited' ? 'warning' : 'error';
  return (
    <p className={`notice ${tone}`} role="status" data-testid="connection-verdict" data-verdict={verdict.verdict}>
      {verdictWords(t, locale, verdict)}
    </p>
  );
}
