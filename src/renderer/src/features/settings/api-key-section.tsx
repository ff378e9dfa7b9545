import { useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { firstMessage } from '../../../../shared/event.ts';
import { apiKeySchema, type ConnectionVerdict, type Settings } from '../../../../shared/settings.ts';
import { ApiError } from '../../api/api-context.tsx';
import { useRemoveKey, useSaveKey, useTestConnection } from '../../api/hooks.ts';

/** Paste, test, replace and remove the profile's API key. The key itself never comes back here. */
export function ApiKeySection({ settings }: { settings: Settings }) {
  const [key, setKey] = useState('');
  const [touched, setTouched] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const save = useSaveKey();
  const remove = useRemoveKey();
  const test = useTestConnection();
  const parsed = apiKeySchema.safeParse(key);
  const keyError = touched && !parsed.success ? firstMessage(parsed.error) : undefined;
  const keychainError = save.error instanceof ApiError && save.error.code.startsWith('keychain') ? save.error : null;
  const problem = keychainError ?? settings.keychainProblem;

  const store = (sessionOnly: boolean) => {
    setTouched(true);
    if (!parsed.success) return;
    test.reset();
    // A saved key empties the field for the next one: that empty field is fresh, not a mistake.
    save.mutate({ key: parsed.data, sessionOnly }, { onSuccess: () => { setKey(''); setTouched(false); } });
  };

  return (
    <section className="settings-section" aria-labelledby="key-title">
      <h3 id="key-title">HelpCrunch API key</h3>
      <p className="key-status" data-testid="key-status">
        <KeyStatusText settings={settings} />
      </p>
      {problem && (
        <div className="notice error" role="alert" data-testid="keychain-problem">
          <p>
            <strong>{problem.message}</strong>
          </p>
          {'hint' in problem && problem.hint && <p>{problem.hint}</p>}
          <p>You can still use the key until Event Desk closes: it is kept in memory only, never written to disk.</p>
          <Button className="button" onPress={() => store(true)} isPending={save.isPending}>
            Use this key for this session only
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
          <Label>{settings.key.state === 'missing' ? 'API key' : 'Replace API key'}</Label>
          <Input placeholder="Paste the key" autoComplete="off" spellCheck={false} />
          <Text slot="description">In HelpCrunch: Settings → Developers → Public API. Saved in your system keychain.</Text>
          <FieldError>{keyError}</FieldError>
        </TextField>
        <div className="button-row">
          <Button type="submit" className="button primary" isPending={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save key'}
          </Button>
          <Button className="button" onPress={() => test.mutate()} isPending={test.isPending} isDisabled={settings.key.state === 'missing'}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </Button>
          {settings.key.state !== 'missing' &&
            (confirmRemove ? (
              <span className="confirm" role="group" aria-label="Confirm removing the key">
                Remove the key?{' '}
                <Button className="button danger" onPress={() => remove.mutate(undefined, { onSettled: () => setConfirmRemove(false) })} autoFocus>
                  Remove
                </Button>
                <Button className="button" onPress={() => setConfirmRemove(false)}>
                  Keep it
                </Button>
              </span>
            ) : (
              <Button className="button danger-outline" onPress={() => setConfirmRemove(true)}>
                Remove key
              </Button>
            ))}
        </div>
      </form>
      {save.error && !keychainError && <p className="notice error" role="alert">{save.error.message}</p>}
      {remove.error && <p className="notice error" role="alert">{remove.error.message}</p>}
      {test.data && <Verdict verdict={test.data} />}
      {test.error && <p className="notice error" role="alert">{test.error.message}</p>}
    </section>
  );
}

function KeyStatusText({ settings }: { settings: Settings }) {
  const { state, last4, origin, withheld } = settings.key;
  if (withheld) {
    return (
      <>
        The key ending in <code>{last4}</code> was saved for <code>{origin}</code>, so it is <strong>not sent</strong> to{' '}
        <code>{new URL(settings.baseUrl.value).origin}</code>. Enter the key again below to use it with this address.
      </>
    );
  }
  if (state === 'keychain') return <>Saved in the system keychain · ends in <code>{last4}</code></>;
  if (state === 'session') return <>Held in memory for this session only · ends in <code>{last4}</code>. It is forgotten when Event Desk closes.</>;
  return <>No API key yet.</>;
}

function Verdict({ verdict }: { verdict: ConnectionVerdict }) {
  const tone = verdict.verdict === 'works' ? 'success' : verdict.verdict === 'rate_limited' ? 'warning' : 'error';
  return (
    <p className={`notice ${tone}`} role="status" data-testid="connection-verdict" data-verdict={verdict.verdict}>
      {verdict.message}
    </p>
  );
}
