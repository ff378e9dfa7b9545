import { useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import { firstMessage } from '../../../../shared/event.ts';
import { baseUrlSchema, DEFAULT_BASE_URL, type Settings } from '../../../../shared/settings.ts';
import { useSaveBaseUrl } from '../../api/hooks.ts';

/** Where requests go: HelpCrunch by default, a mock or proxy when overridden. */
export function BaseUrlSection({ settings }: { settings: Settings }) {
  const [text, setText] = useState(settings.baseUrl.source === 'settings' ? settings.baseUrl.value : '');
  const save = useSaveBaseUrl();
  const parsed = baseUrlSchema.safeParse(text);
  const error = text !== '' && !parsed.success ? firstMessage(parsed.error) : undefined;
  const fromEnv = settings.baseUrl.source === 'env';

  return (
    <section className="settings-section" aria-labelledby="url-title">
      <h3 id="url-title">API base URL</h3>
      <p data-testid="base-url">
        Requests go to <code>{settings.baseUrl.value}</code>
        {settings.baseUrl.source === 'default' && ' (HelpCrunch, the default).'}
        {fromEnv && ', set by HELPCRUNCH_API_URL for this launch. Unset it to use the field below.'}
        {settings.baseUrl.source === 'settings' && ' (your setting).'}
      </p>
      <form
        className="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        <TextField className="field" value={text} onChange={setText} isInvalid={!!error} isDisabled={fromEnv}>
          <Label>Custom base URL</Label>
          <Input placeholder={DEFAULT_BASE_URL} spellCheck={false} />
          <Text slot="description">HTTPS only; plain http:// is allowed for this computer (a local mock server).</Text>
          <FieldError>{error}</FieldError>
        </TextField>
        <div className="button-row">
          <Button type="submit" className="button" isDisabled={fromEnv || !parsed.success || save.isPending}>
            Save URL
          </Button>
          <Button className="button" isDisabled={fromEnv || settings.baseUrl.source !== 'settings'} onPress={() => { setText(''); save.mutate(null); }}>
            Use HelpCrunch default
          </Button>
        </div>
      </form>
      {save.error && <p className="notice error" role="alert">{save.error.message}</p>}
    </section>
  );
}
