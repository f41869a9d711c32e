import { useId, useState, type FormEvent } from 'react';
import type { DuplicateRule, ImportView, UploadedImport } from '../../api/types';
import { SelectField } from '../../components/SelectField';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { isOwner, useUser } from '../auth/useAuth';
import { useStages, useTeam } from '../board/hooks';
import { isLostStage, stageName } from '../board/stageName';
import { exampleOf, initialChoice, requiredFields, settingsKey, type ColumnChoice, type MappingSettings } from './columnMapping';
import { DetectedFile } from './DetectedFile';
import { DryRunResult } from './DryRunResult';
import { useDryRun, useStartImport } from './hooks';
import { StepHeading } from './StepHeading';

const rules: readonly DuplicateRule[] = ['skip', 'update'];

/**
 * Step 2: what was found in the file, a column for each field (as its headers suggest), what to do with an e-mail
 * already in the company, the default owner (Business Owner) and stage (deals); "Verificar" runs the dry run, and the
 * import starts from the settings it checked.
 */
export function MappingStep({ uploaded, onBack, onStarted }: { uploaded: UploadedImport; onBack: () => void; onStarted: (view: ImportView) => void }) {
  const { t, locale } = useI18n();
  const ids = useId();
  const user = useUser();
  const owner = isOwner(user);
  const team = useTeam(owner);
  const withDeals = uploaded.import.kind === 'deals';
  const stages = useStages();
  const [choice, setChoice] = useState<ColumnChoice>(() => initialChoice(uploaded));
  const [duplicates, setDuplicates] = useState<DuplicateRule>('skip');
  const [ownerId, setOwnerId] = useState('');
  const [stageId, setStageId] = useState('');
  const dryRun = useDryRun(uploaded.import.id);
  const start = useStartImport(uploaded.import.id);
  const [checked, setChecked] = useState<string | null>(null);

  const settings: MappingSettings = {
    mapping: choice,
    duplicates,
    ownerId: owner && ownerId ? Number(ownerId) : null,
    stageId: withDeals && stageId ? Number(stageId) : null,
  };
  const current = checked !== null && checked === settingsKey(settings) && dryRun.data !== undefined;
  const { columns } = uploaded.import;

  function check(e: FormEvent) {
    e.preventDefault();
    start.reset();
    const key = settingsKey(settings);
    dryRun.mutate(settings, { onSuccess: () => setChecked(key) });
  }
  const err = dryRun.error;
  const top = formError(t, err, [...uploaded.fields.map((f) => `mapping.${f}`), 'duplicates', 'ownerId', 'stageId']);
  const members = (team.data?.items ?? []).filter((u) => u.status === 'Active' && u.id !== user?.id);
  const stageOptions = (stages.data ?? []).filter((s) => !isLostStage(s));
  return (
    <section aria-labelledby={`${ids}-title`} className="import-step">
      <StepHeading id={`${ids}-title`}>{t('import.mapTitle')}</StepHeading>
      <DetectedFile uploaded={uploaded} />
      <form onSubmit={check} noValidate>
        <h3>{t('import.fields')}</h3>
        <p className="hint">{t('import.fieldsHelp')}</p>
        <div className="import-fields">
          {uploaded.fields.map((field) => {
            const required = requiredFields.includes(field);
            const example = exampleOf(choice[field], columns, uploaded.sampleRows);
            const label = t(`import.field.${field}` as MessageKey);
            return (
              <SelectField key={field} label={required ? t('import.requiredField', { field: label }) : label} value={choice[field] ?? ''}
                onChange={(e) => setChoice({ ...choice, [field]: e.target.value })}
                hint={example ? t('import.example', { value: example }) : undefined}
                errors={fieldErrors(t, err, `mapping.${field}`)}>
                <option value="">{t('import.skipColumn')}</option>
                {columns.map((c) => <option key={c} value={c}>{c}</option>)}
              </SelectField>
            );
          })}
        </div>

        <fieldset className="choice-list" aria-describedby={fieldErrors(t, err, 'duplicates') ? `${ids}-dup-err` : undefined}>
          <legend>{t('import.duplicates')}</legend>
          {rules.map((rule) => (
            <label key={rule} className="choice">
              <input type="radio" name="import-duplicates" value={rule} checked={duplicates === rule} onChange={() => setDuplicates(rule)} />
              <span>
                <strong>{t(rule === 'skip' ? 'import.duplicates.skip' : 'import.duplicates.update')}</strong>
                <small className="hint block">
                  {t(rule === 'skip' ? 'import.duplicates.skipHelp' : withDeals ? 'import.duplicates.updateDealsHelp' : 'import.duplicates.updateHelp')}
                </small>
              </span>
            </label>
          ))}
          {fieldErrors(t, err, 'duplicates') && <div id={`${ids}-dup-err`} className="field-error" role="alert">{fieldErrors(t, err, 'duplicates')!.join(' ')}</div>}
        </fieldset>

        {(owner || withDeals) && (
          <div className="field-row">
            {owner && (
              <SelectField label={t('import.defaultOwner')} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}
                hint={t('import.defaultOwnerHelp')} errors={fieldErrors(t, err, 'ownerId')}>
                <option value="">{t('import.me', { name: user?.name ?? '' })}</option>
                {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </SelectField>
            )}
            {withDeals && (
              <SelectField label={t('import.defaultStage')} value={stageId} onChange={(e) => setStageId(e.target.value)}
                hint={t('import.defaultStageHelp')} errors={fieldErrors(t, err, 'stageId')}>
                <option value="">{t('stage.New Lead')}</option>
                {stageOptions.filter((s) => s.name !== 'New Lead').map((s) => <option key={s.id} value={s.id}>{stageName(t, s)}</option>)}
              </SelectField>
            )}
          </div>
        )}

        {top && <Alert kind="error">{top}</Alert>}
        <div className="actions import-actions">
          <button type="button" onClick={onBack}>{t('import.back')}</button>
          <button type="submit" className={current ? undefined : 'primary'} disabled={dryRun.isPending} aria-busy={dryRun.isPending || undefined}>
            {dryRun.isPending ? t('import.checking') : t('import.check')}
          </button>
        </div>
      </form>

      <p className="sr-only" role="status">
        {current && dryRun.data ? t('import.check.summary', { valid: dryRun.data.valid.toLocaleString(locale), invalid: dryRun.data.invalid.toLocaleString(locale), duplicates: dryRun.data.duplicates.toLocaleString(locale) }) : ''}
      </p>
      <div>
        {current && dryRun.data && (
          <>
            <DryRunResult result={dryRun.data} duplicates={duplicates} />
            {start.error !== null && <Alert kind="error">{formError(t, start.error, [])}</Alert>}
            <div className="actions">
              <button type="button" className="primary" disabled={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: onStarted })}>
                {t('import.start')}
              </button>
            </div>
          </>
        )}
        {!current && checked !== null && dryRun.data && !dryRun.isPending && <Alert kind="info">{t('import.changed')}</Alert>}
      </div>
    </section>
  );
}
