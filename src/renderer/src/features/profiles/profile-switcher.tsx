import { useState } from 'react';
import { Button, Checkbox, Dialog, FieldError, Heading, Input, Label, Modal, ModalOverlay, TextField } from 'react-aria-components';
import { PROFILE_COLOURS, profileDraftSchema, type Profile } from '../../../../shared/profiles.ts';
import { useProfileActions, useProfiles } from '../../api/profile-hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { useValidationWords } from '../../i18n/validation-words.ts';

/** Ctrl/Cmd+Shift+A: switch account, add one, rename, mark production, delete. */
export function ProfileSwitcher({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const t = useT();
  const issueWords = useValidationWords('profile');
  const words = useFailureWords();
  const profiles = useProfiles();
  const actions = useProfileActions();
  const [name, setName] = useState('');
  const [production, setProduction] = useState(false);
  const [perMinute, setPerMinute] = useState('120');
  const [colour, setColour] = useState<(typeof PROFILE_COLOURS)[number]>(PROFILE_COLOURS[1]);
  const [deleting, setDeleting] = useState<Profile | null>(null);
  const [editing, setEditing] = useState<Profile | null>(null);
  const startEditing = (profile: Profile) => {
    setEditing(profile);
    setName(profile.name);
    setProduction(profile.production);
    setPerMinute(String(profile.perMinute));
    setColour((PROFILE_COLOURS as readonly string[]).includes(profile.colour) ? (profile.colour as (typeof PROFILE_COLOURS)[number]) : PROFILE_COLOURS[0]);
  };
  const resetForm = () => {
    setEditing(null);
    setName('');
    setProduction(false);
    setPerMinute('120');
  };
  const draft = { name, production, colour, perMinute: Number(perMinute) };
  const parsed = profileDraftSchema.safeParse(draft);
  const nameError = name !== '' && !parsed.success ? issueWords(parsed.error) : undefined;
  const view = profiles.data;
  const error = [actions.use, actions.create, actions.update, actions.remove].find((mutation) => mutation.error)?.error;
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={(open) => !open && onClose()} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog" data-testid="profile-switcher">
          <Heading slot="title">{t('profiles.title')}</Heading>
          <p className="muted">{t('profiles.intro')}</p>
          <ul className="library-list" aria-label={t('profiles.list')}>
            {(view?.profiles ?? []).map((profile) => (
              <li key={profile.id} className="library-item" data-testid="profile-row">
                <div className="library-item-text">
                  <strong>
                    <span className="profile-dot" style={{ background: profile.colour }} aria-hidden="true" /> {profile.name}
                    {profile.production && <span className="badge bad"> {t('account.production')}</span>}
                  </strong>
                  <span className="muted small">
                    {view?.active === profile.id ? `${t('profiles.inUse')} · ` : ''}
                    {t('profiles.perMinute', { count: profile.perMinute })}
                  </span>
                </div>
                <div className="button-row">
                  {view?.active !== profile.id && (
                    <Button className="button primary" onPress={() => actions.use.mutate(profile.id, { onSuccess: onClose })} aria-label={t('profiles.switchTo', { name: profile.name })}>
                      {t('profiles.switch')}
                    </Button>
                  )}
                  <Button className="button" onPress={() => startEditing(profile)} aria-label={t('profiles.editLabel', { name: profile.name })}>
                    {t('profiles.edit')}
                  </Button>
                  {view?.active !== profile.id && (
                    <Button className="button danger-outline" onPress={() => setDeleting(profile)} aria-label={t('profiles.deleteLabel', { name: profile.name })}>
                      {t('action.delete')}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <form
            className="new-profile"
            onSubmit={(event) => {
              event.preventDefault();
              if (!parsed.success) return;
              if (editing) actions.update.mutate({ id: editing.id, draft }, { onSuccess: resetForm });
              else actions.create.mutate(draft, { onSuccess: resetForm });
            }}
          >
            <h3>{editing ? t('profiles.editTitle', { name: editing.name }) : t('profiles.addTitle')}</h3>
            <TextField className="field" value={name} onChange={setName} isInvalid={!!nameError}>
              <Label>{t('profiles.name')}</Label>
              <Input placeholder={t('profiles.namePlaceholder')} />
              <FieldError>{nameError}</FieldError>
            </TextField>
            <TextField className="field" value={perMinute} onChange={setPerMinute} inputMode="numeric" isInvalid={!Number.isInteger(Number(perMinute)) || Number(perMinute) < 1}>
              <Label>{t('profiles.perMinuteLabel')}</Label>
              <Input />
              <FieldError>{!Number.isInteger(Number(perMinute)) || Number(perMinute) < 1 ? t('profiles.perMinuteError') : undefined}</FieldError>
            </TextField>
            <div className="colour-row" role="radiogroup" aria-label={t('profiles.colour')}>
              {PROFILE_COLOURS.map((choice) => (
                <button key={choice} type="button" role="radio" aria-checked={colour === choice} aria-label={t('profiles.colourChoice', { colour: choice })} className={`colour-swatch${colour === choice ? ' chosen' : ''}`} style={{ background: choice }} onClick={() => setColour(choice)} />
              ))}
            </div>
            <Checkbox className="checkbox spaced" isSelected={production} onChange={setProduction}>
              {t('profiles.productionOption')}
            </Checkbox>
            <div className="button-row end">
              {editing && (
                <Button className="button" onPress={resetForm}>
                  {t('profiles.cancelEditing')}
                </Button>
              )}
              <Button type="submit" className="button" isDisabled={!parsed.success} isPending={actions.create.isPending || actions.update.isPending}>
                {editing ? t('profiles.saveChanges') : t('profiles.add')}
              </Button>
            </div>
          </form>
          {error && <p className="notice error" role="alert">{words(error).message}</p>}
          <p className="muted small">{t('profiles.afterSwitching')}</p>
        </Dialog>
      </Modal>
      <ModalOverlay className="modal-overlay" isOpen={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)} isDismissable>
        <Modal className="modal small-modal">
          <Dialog role="alertdialog" className="dialog" aria-label={t('profiles.deleteDialog', { name: deleting?.name ?? '' })}>
            <Heading slot="title">{t('profiles.deleteTitle', { name: deleting?.name ?? '' })}</Heading>
            <p>{t('profiles.deleteMessage')}</p>
            {actions.exportHistory.data && <p className="notice success" role="status">{t('profiles.exported', { count: actions.exportHistory.data.count, path: actions.exportHistory.data.path })}</p>}
            {actions.exportHistory.error && <p className="notice error" role="alert">{words(actions.exportHistory.error).message}</p>}
            <div className="button-row end">
              <Button className="button" onPress={() => setDeleting(null)} autoFocus>
                {t('action.cancel')}
              </Button>
              <Button className="button" onPress={() => deleting && actions.exportHistory.mutate(deleting.id)} isPending={actions.exportHistory.isPending}>
                {t('profiles.exportFirst')}
              </Button>
              <Button
                className="button danger"
                onPress={() => {
                  if (deleting) actions.remove.mutate(deleting.id);
                  setDeleting(null);
                  actions.exportHistory.reset();
                }}
              >
                {t('profiles.deleteConfirm')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </ModalOverlay>
  );
}
