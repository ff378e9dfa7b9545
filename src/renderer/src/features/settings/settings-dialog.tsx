import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useSettings } from '../../api/hooks.ts';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';
import { ApiKeySection } from './api-key-section.tsx';
import { BaseUrlSection } from './base-url-section.tsx';
import { RetentionSection } from './retention-section.tsx';
import { LanguageSection } from './language-section.tsx';
import { UpdatesSection } from './updates-section.tsx';

interface SettingsDialogProps {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
}

export function SettingsDialog({ isOpen, onOpenChange }: SettingsDialogProps) {
  const t = useT();
  const words = useFailureWords();
  const settings = useSettings();
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog" aria-labelledby="settings-title">
          <header className="dialog-header">
            <Heading slot="title" id="settings-title">
              {t('nav.settings')}
            </Heading>
            <Button className="icon-button" aria-label={t('settings.close')} onPress={() => onOpenChange(false)}>
              ×
            </Button>
          </header>
          {settings.data ? (
            <>
              <ApiKeySection settings={settings.data} />
              <BaseUrlSection settings={settings.data} />
              <RetentionSection settings={settings.data} />
              <LanguageSection />
              <UpdatesSection />
            </>
          ) : (
            <p className="muted">{settings.error ? words(settings.error).message : t('common.loading')}</p>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
