import { useId, useState, type DragEvent, type FormEvent } from 'react';
import type { ImportKind, UploadedImport } from '../../api/types';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';
import { useUploadImport } from './hooks';
import { StepHeading } from './StepHeading';
import { ACCEPTED_FILES, formatFileSize, isTooLarge } from './spreadsheetFile';

const kinds: readonly ImportKind[] = ['leads', 'deals'];

/** Step 1: what the rows are (leads, or a lead with a deal each) and the file, dropped or picked; then the upload. */
export function ChooseFileStep({ focusHeading, onUploaded }: { focusHeading: boolean; onUploaded: (u: UploadedImport) => void }) {
  const { t, locale } = useI18n();
  const ids = useId();
  const [kind, setKind] = useState<ImportKind>('leads');
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useUploadImport();

  function choose(chosen: File | null) {
    upload.reset();
    setProblem(null);
    setFile(chosen);
    if (chosen && isTooLarge(chosen)) setProblem(t('srv.importFileTooLarge'));
  }
  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) choose(dropped);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      setProblem(t('import.noFile'));
      return;
    }
    if (isTooLarge(file)) return;
    upload.mutate({ file, kind }, { onSuccess: onUploaded });
  }
  const refusal = problem ?? (upload.error ? errorText(t, upload.error) : null);
  const errorId = `${ids}-error`;
  return (
    <section aria-labelledby={`${ids}-title`} className="import-step">
      <StepHeading id={`${ids}-title`} focus={focusHeading}>{t('import.chooseTitle')}</StepHeading>
      <form onSubmit={submit} noValidate>
        <fieldset className="choice-list">
          <legend>{t('import.kind')}</legend>
          {kinds.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{t(k === 'leads' ? 'import.kind.leads' : 'import.kind.deals')}</strong>
                <small className="hint block">{t(k === 'leads' ? 'import.kind.leadsHelp' : 'import.kind.dealsHelp')}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <div className={`dropzone${over ? ' is-over' : ''}${refusal ? ' field-invalid' : ''}`}
          onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
          <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
          <p className="muted">{t('import.dropHere')}</p>
          <input id={`${ids}-file`} type="file" accept={ACCEPTED_FILES} aria-describedby={`${ids}-hint${refusal ? ` ${errorId}` : ''}`}
            aria-invalid={refusal ? true : undefined} onChange={(e) => choose(e.target.files?.[0] ?? null)} />
          <small id={`${ids}-hint`} className="hint">{t('import.fileHint')}</small>
          {file && <p className="dropzone-file wrap">{t('import.chosen', { name: file.name, size: formatFileSize(file.size, locale) })}</p>}
        </div>
        {refusal && <div id={errorId}><Alert kind="error">{refusal}</Alert></div>}
        <div className="actions">
          <button type="submit" className="primary" disabled={upload.isPending} aria-busy={upload.isPending || undefined}>
            {upload.isPending ? t('import.uploading') : t('import.upload')}
          </button>
        </div>
      </form>
    </section>
  );
}
