import { Button, ProgressBar } from 'react-aria-components';
import { useFailureWords } from '../../i18n/error-words.ts';
import { useT } from '../../i18n/use-t.ts';

interface ExportStatusProps {
  running: boolean;
  progress: { written: number; total: number } | null;
  result: { path: string; count: number } | null | undefined;
  error: Error | null;
  onCancel: () => void;
}

/** Progress with a count and Cancel while exporting; where the file went, or why it did not. */
export function ExportStatus({ running, progress, result, error, onCancel }: ExportStatusProps) {
  const t = useT();
  const words = useFailureWords();
  if (running) {
    const total = progress?.total ?? 0;
    const written = Math.min(progress?.written ?? 0, total);
    return (
      <div className="export-status" data-testid="export-status">
        <ProgressBar className="progress" value={written} maxValue={Math.max(total, 1)} aria-label={t('history.exportProgress')}>
          {({ percentage }) => (
            <>
              <span>
                {t('history.exporting', { written, total, percent: Math.round(percentage ?? 0) })}
              </span>
              <div className="bar">
                <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
        <Button className="button" onPress={onCancel}>
          {t('history.cancelExport')}
        </Button>
      </div>
    );
  }
  if (error) return <p className="notice error" role="alert" data-testid="export-status">{words(error).message}</p>;
  if (result) return <p className="notice success" role="status" data-testid="export-status">{t('history.exported', { count: result.count, path: result.path })}</p>;
  return null;
}
