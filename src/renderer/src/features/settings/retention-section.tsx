import { useState } from 'react';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
import type { Settings } from '../../../../shared/settings.ts';
import { useSaveRetention } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

/** How long history is kept: everything by default, or entries younger than N days. */
export function RetentionSection({ settings }: { settings: Settings }) {
  const t = useT();
  const words = useFailureWords();
  const [text, setText] = useState(settings.retentionDays === null ? '' : String(settings.retentionDays));
  const save = useSaveRetention();
  const days = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const error = text.trim() !== '' && (days === null || days < 1 || days > 36_500) ? t('settings.retentionError') : undefined;

  return (
    <section className="settings-section" aria-labelledby="retention-title">
      <h3 id="retention-title">{t('nav.history')}</h3>
      <p data-testid="retention-status">
        {settings.retentionDays === null ? t('settings.retentionKeepAll') : t('settings.retentionDays', { days: settings.retentionDays })}
      </p>
      <form
        className="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (days !== null && !error) save.mutate(days);
        }}
      >
        <TextField className="field narrow" value={text} onChange={setText} isInvalid={!!error}>
          <Label>{t('settings.retentionLabel')}</Label>
          <Input inputMode="numeric" placeholder={t('settings.keepEverything')} />
          <Text slot="description">{t('settings.retentionHelp')}</Text>
          <FieldError>{error}</FieldError>
        </TextField>
        <div className="button-row">
          <Button type="submit" className="button" isDisabled={days === null || !!error}>
            {t('settings.saveRetention')}
          </Button>
          <Button className="button" isDisabled={settings.retentionDays === null} onPress={() => { setText(''); save.mutate(null); }}>
            {t('settings.keepEverything')}
          </Button>
        </div>
      </form>
      {save.error && <p className="notice error" role="alert">{words(save.error).message}</p>}
    </section>
  );
}
