import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import { ApiError } from '../../api/problem';
import type { Deal, Note, Paged } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { Alert, Empty, ErrorBox, errorText, fieldErrors, formError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { formatDateTime, formatMoney, formatRelative, readMoney } from '../../lib/format';
import { moneyProblemKey } from '../../lib/moneyText';
import { ActivitiesSection } from '../activities/ActivitiesSection';
import { isOwner, useUser } from '../auth/useAuth';
import { useStages, useTeam } from '../board/hooks';
import { LossReasonSuggestions } from '../board/LossReasonSuggestions';
import { isLostStage, stageName } from '../board/stageName';
import { LeadConversation } from '../whatsapp/LeadConversation';
import { DealHistory } from './DealHistory';
import { timelineKey } from './timelineQuery';
import { afterConflict, onServerDeal, sameFields, type DealFields, type VersionedDeal } from './dealEdit';
import { draftAfterSaving } from './noteDraft';

/** A save refused because someone else changed the title or value; carries their version. */
class DealConflict extends Error {
  constructor(readonly theirs: VersionedDeal) {
    super('deal.version_conflict');
  }
}

/** A deal that is gone (deleted, or no longer the caller's): trying again cannot help. */
const isGone = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.code === 'deal.not_found');

export function DealPanel({ dealId, onClose }: { dealId: number; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const deal = useQuery({ queryKey: ['deal', dealId], queryFn: () => api<Deal>(`/api/deals/${dealId}`) });
  // Unsaved edits make closing (Esc, ×, the backdrop) ask first.
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const requestClose = () => { if (dirty.current) setAsking(true); else onClose(); };
  // Focus moves in once, on opening: the board re-renders on every live event and passes a new onClose each time.
  const close = useRef(requestClose);
  useEffect(() => { close.current = requestClose; });
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !document.querySelector('.backdrop .dialog')) close.current(); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const gone = deal.isError && isGone(deal.error);
  return (
    <>
      <div className="drawer-backdrop" onClick={requestClose} />
      <aside ref={ref} className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className="dialog-head">
          <h2 id={titleId}>{(!gone && deal.data?.title) || t('deal.panel')}</h2>
          <button type="button" className="icon" onClick={requestClose} aria-label={t('common.close')}>×</button>
        </div>
        {deal.isPending && <Loading />}
        {gone && (
          <div className="state" role="alert" data-testid="deal-gone">
            <p>{t('deal.gone')}</p>
            <button type="button" onClick={onClose}>{t('common.close')}</button>
          </div>
        )}
        {deal.isError && !gone && <ErrorBox error={deal.error} onRetry={() => deal.refetch()} />}
        {deal.data && !gone && <DealDetails deal={deal.data} onDeleted={onClose} onDirty={(d) => { dirty.current = d; }} />}
      </aside>
      {asking && (
        <ConfirmDialog title={t('deal.discardTitle')} confirmLabel={t('deal.discard')} cancelLabel={t('deal.keepEditing')} danger
          onCancel={() => setAsking(false)} onConfirm={() => { setAsking(false); dirty.current = false; onClose(); }}>
          <p>{t('deal.discardHelp')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

type PanelField = 'title' | 'value' | 'lossReason';

function DealDetails({ deal, onDeleted, onDirty }: { deal: Deal; onDeleted: () => void; onDirty: (dirty: boolean) => void }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const qc = useQueryClient();
  const stages = useStages();
  const team = useTeam(owner);
  const asForm = (d: Deal): VersionedDeal => ({ version: d.version ?? 0, title: d.title ?? '', value: Number(d.value ?? 0) });
  const money = (v: number) => (locale === 'pt-BR' ? v.toFixed(2).replace('.', ',') : v.toFixed(2));
  // `base` is what the form was loaded from. Its version follows the server whenever the title and value
  // did not change (a move, a reorder, a new owner bump the version too), so saving after a move just works;
  // a change of the title or value by someone else under unsaved typing is a real conflict, shown below.
  const [base, setBase] = useState<VersionedDeal>(() => asForm(deal));
  // The form's base as of the last thing the user did: a server answer's effect may run after a click that loaded
  // another version (its closure still holds the older base) and must not bring back a conflict already resolved.
  const baseNow = useRef(base);
  baseNow.current = base;
  const [title, setTitle] = useState(base.title);
  const [value, setValue] = useState(money(base.value));
  const typedValue = readMoney(value, { required: true });
  const mine = (): DealFields => ({ title, value: typedValue.ok ? typedValue.value : Number.NaN });
  const [conflict, setConflict] = useState<VersionedDeal | null>(null);
  const [saved, setSaved] = useState(false);
  const [stageId, setStageId] = useState(String(deal.stage?.id ?? ''));
  const [lossReason, setLossReason] = useState(deal.lossReason ?? '');
  const [mistakes, setMistakes] = useState<Partial<Record<PanelField, MessageKey>>>({});
  const [deleting, setDeleting] = useState(false);
  const loadFrom = (d: VersionedDeal) => {
    baseNow.current = d;
    setBase(d);
    setTitle(d.title);
    setValue(money(d.value));
    setConflict(null);
  };
  useEffect(() => {
    const latest = asForm(deal);
    switch (onServerDeal(baseNow.current, latest, mine())) {
      case 'rebase': setBase((b) => ({ ...b, version: latest.version })); break;
      case 'reload': loadFrom(latest); break;
      case 'conflict': setConflict(latest); break;
      default: break;
    }
    // Only a new answer from the server decides; typing does not.
  }, [deal.version, deal.title, deal.value]);
  useEffect(() => {
    setStageId(String(deal.stage?.id ?? ''));
    setLossReason(deal.lossReason ?? '');
  }, [deal.stage?.id, deal.lossReason]);
  const refresh = () => {
    void refreshQueries(qc, ['deal', deal.id]);
    void refreshQueries(qc, ['board']);
  };
  const fetchLatest = () => qc.fetchQuery({ queryKey: ['deal', deal.id], queryFn: () => api<Deal>(`/api/deals/${deal.id}`), staleTime: 0 });

  const targetStage = stages.data?.find((s) => String(s.id) === stageId);
  const needsReason = isLostStage(targetStage);
  const fieldsChanged = !sameFields(mine(), base);
  const stageChanged = stageId !== String(deal.stage?.id) || (needsReason && lossReason.trim() !== (deal.lossReason ?? ''));
  const dirty = fieldsChanged || stageChanged;
  useEffect(() => { onDirty(dirty); }, [dirty]);
  useEffect(() => () => onDirty(false), []); // a deal gone meanwhile has no edits left to lose

  /** One save for the panel: the title and value (against the version), then the stage with its loss reason. */
  const save = useMutation({
    // `overwrite`: the user saw the other change and keeps theirs, so save over that version.
    mutationFn: async ({ overwrite, amount, fields, stage }: { overwrite?: VersionedDeal; amount: number; fields: boolean; stage: boolean }): Promise<Deal | null> => {
      let result: Deal | null = null;
      if (fields || overwrite) {
        const body = { title: title.trim(), value: amount };
        let version = overwrite?.version ?? base.version;
        for (let attempt = 0; ; attempt++) {
          try {
            result = await api<Deal>(`/api/deals/${deal.id}`, { method: 'PUT', body: { ...body, version } });
            break;
          } catch (err) {
            if (!(err instanceof ApiError && err.status === 409) || attempt >= 2) throw err;
            const latest = await fetchLatest();
            const decision = afterConflict(overwrite ?? base, asForm(latest), body);
            if (decision.kind === 'same') { result = latest; break; }
            if (decision.kind === 'conflict') throw new DealConflict(asForm(latest));
            version = decision.version;
          }
        }
      }
      if (stage) {
        await api(`/api/deals/${deal.id}/move`, { method: 'POST', body: { stageId: Number(stageId), lossReason: needsReason ? lossReason.trim() : null } });
      }
      return result;
    },
    onMutate: () => { setSaved(false); },
    onSuccess: (d) => {
      // The answer to an edit has no days per stage (only GET has them): the ones shown stay until the refetch.
      if (d) { loadFrom(asForm(d)); qc.setQueryData<Deal>(['deal', deal.id], (old) => ({ ...d, stageDurations: d.stageDurations ?? old?.stageDurations })); }
      setSaved(true);
      refresh();
    },
    onError: (err) => {
      // A conflict the user already settled (their version loaded while this save was still answering) stays settled.
      if (err instanceof DealConflict && baseNow.current.version < err.theirs.version) setConflict(err.theirs);
      void refreshQueries(qc, ['board']);
    },
  });
  const reassign = useMutation({
    mutationFn: (ownerId: number) => api(`/api/deals/${deal.id}/owner`, { method: 'PUT', body: { ownerId } }),
    onSuccess: refresh,
  });
  const del = useMutation({
    mutationFn: () => api(`/api/deals/${deal.id}`, { method: 'DELETE' }),
    onSuccess: () => { void refreshQueries(qc, ['board']); onDeleted(); },
  });

  function submit(e: FormEvent, overwrite?: VersionedDeal) {
    e.preventDefault();
    const found: Partial<Record<PanelField, MessageKey>> = {};
    if (!title.trim()) found.title = 'srv.required';
    if (!typedValue.ok) found.value = moneyProblemKey[typedValue.problem];
    if (stageChanged && needsReason && !lossReason.trim()) found.lossReason = 'srv.lossReason';
    setMistakes(found);
    if (Object.keys(found).length > 0 || !typedValue.ok) { save.reset(); return; }
    save.mutate({ overwrite, amount: typedValue.value, fields: fieldsChanged, stage: stageChanged });
  }
  const errorsOf = (field: PanelField) => (mistakes[field] ? [t(mistakes[field])] : fieldErrors(t, save.error, field));
  const edited = (field: PanelField) => setMistakes(({ [field]: _gone, ...rest }) => rest);
  const saveTop = save.error instanceof DealConflict ? null : formError(t, save.error, ['title', 'value', 'lossReason']);
  return (
    <div className="drawer-body">
      <p className="muted">
        {t('deal.lead')}: <strong>{deal.lead?.name}</strong> · {deal.lead?.email}{deal.lead?.phone ? ` · ${deal.lead.phone}` : ''}
        {owner && deal.lead?.id !== undefined && <> · <Link to={`/leads/${deal.lead.id}`}>{t('privacy.onLeadScreen')}</Link></>}
      </p>
      <p className="muted">{formatMoney(Number(deal.value ?? 0))} · {deal.createdAt && t('deal.created', { when: formatDateTime(deal.createdAt, locale) })}</p>

      <form onSubmit={(e) => submit(e)} noValidate className="panel-section">
        {conflict && (
          <div className="alert alert-error" role="alert" data-testid="deal-conflict">
            <p>{t('deal.conflict', { title: conflict.title, value: formatMoney(conflict.value) })}</p>
            <div className="actions">
              <button type="button" onClick={() => loadFrom(conflict)}>{t('deal.loadTheirs')}</button>
              <button type="button" className="primary" disabled={save.isPending} onClick={(e) => submit(e, conflict)}>{t('deal.keepMine')}</button>
            </div>
          </div>
        )}
        {saveTop && <Alert kind="error">{saveTop}</Alert>}
        {saved && !dirty && <Alert kind="success">{t('settings.saved')}</Alert>}
        <Field label={t('deal.title')} value={title} onChange={(e) => { setTitle(e.target.value); edited('title'); }} errors={errorsOf('title')} maxLength={200} />
        <Field label={t('deal.value')} inputMode="decimal" value={value} onChange={(e) => { setValue(e.target.value); edited('value'); }}
          onBlur={() => { if (!typedValue.ok) setMistakes((m) => ({ ...m, value: moneyProblemKey[typedValue.problem] })); }} errors={errorsOf('value')} />
        <div className="field">
          <label htmlFor="dp-stage">{t('deal.stage')}</label>
          <select id="dp-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
            {(stages.data ?? []).map((s) => <option key={s.id} value={s.id}>{stageName(t, s)}</option>)}
          </select>
        </div>
        {needsReason && (
          <>
            <Field label={t('deal.lossReason')} value={lossReason} onChange={(e) => { setLossReason(e.target.value); edited('lossReason'); }} errors={errorsOf('lossReason')} required maxLength={500} />
            <LossReasonSuggestions value={lossReason} onPick={(r) => { setLossReason(r); edited('lossReason'); }} />
          </>
        )}
        <div className="actions"><button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('common.save')}</button></div>
      </form>

      {owner && (
        <div className="panel-section field">
          <label htmlFor="dp-owner">{t('deal.owner')}</label>
          <select id="dp-owner" value={String(deal.owner?.id ?? '')} onChange={(e) => reassign.mutate(Number(e.target.value))} disabled={reassign.isPending}>
            {!(team.data?.items ?? []).some((u) => u.id === deal.owner?.id) && <option value={deal.owner?.id}>{deal.owner?.name}</option>}
            {(team.data?.items ?? []).filter((u) => u.status === 'Active' || u.id === deal.owner?.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
          {reassign.error && <div className="field-error" role="alert">{errorText(t, reassign.error)}</div>}
        </div>
      )}
      {!owner && <p className="muted">{t('deal.owner')}: {deal.owner?.name}</p>}

      {deal.lead?.id !== undefined && (
        <LeadConversation lead={{ id: deal.lead.id, name: deal.lead.name ?? '', email: deal.lead.email ?? '', phone: deal.lead.phone ?? null }} />
      )}

      <ActivitiesSection about={{ dealId: deal.id! }} context={{ deal: { id: deal.id!, title: deal.title ?? '' } }} />

      <Notes dealId={deal.id!} />

      <DealHistory dealId={deal.id!} stageDurations={deal.stageDurations ?? []} />

      <div className="panel-section danger-zone">
        <button type="button" className="danger" onClick={() => { del.reset(); setDeleting(true); }}>{t('common.delete')}</button>
      </div>
      {deleting && (
        <ConfirmDialog title={t('deal.deleteTitle')} confirmLabel={t('common.delete')} danger busy={del.isPending} error={del.error}
          onCancel={() => setDeleting(false)} onConfirm={() => del.mutate()}>
          <p>{t('deal.deleteConfirm', { title: deal.title ?? '' })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function Notes({ dealId }: { dealId: number }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const qc = useQueryClient();
  const key = ['deal', dealId, 'notes'];
  const notes = useQuery({ queryKey: key, queryFn: () => api<Paged<Note>>(`/api/deals/${dealId}/notes`, { query: { pageSize: 100 } }) });
  const [body, setBody] = useState('');
  const [deleting, setDeleting] = useState<number | null>(null);
  const add = useMutation({
    mutationFn: (text: string) => api<Note>(`/api/deals/${dealId}/notes`, { method: 'POST', body: { body: text } }),
    // Only what was sent leaves the box: words typed while it was being saved stay.
    onSuccess: (_note, sent) => {
      setBody((now) => draftAfterSaving(now, sent));
      void refreshQueries(qc, key);
      void refreshQueries(qc, timelineKey(dealId));
    },
  });
  const remove = useMutation({
    mutationFn: (noteId: number) => api(`/api/deals/${dealId}/notes/${noteId}`, { method: 'DELETE' }),
    onSuccess: () => { setDeleting(null); void refreshQueries(qc, key); },
  });
  const items = notes.data?.items ?? [];
  return (
    <section className="panel-section" aria-labelledby="notes-h">
      <h3 id="notes-h">{t('deal.notes')}</h3>
      <form onSubmit={(e) => { e.preventDefault(); if (body.trim()) add.mutate(body); }} noValidate>
        <div className={`field${fieldErrors(t, add.error, 'body') ? ' field-invalid' : ''}`}>
          <label htmlFor="note-body">{t('deal.noteBody')}</label>
          <textarea id="note-body" rows={3} value={body} maxLength={10000} onChange={(e) => setBody(e.target.value)}
            aria-invalid={!!add.error || undefined} aria-describedby={add.error ? 'note-body-err' : undefined} />
          {add.error && <div id="note-body-err" className="field-error" role="alert">{fieldErrors(t, add.error, 'body')?.join(' ') ?? errorText(t, add.error)}</div>}
        </div>
        <div className="actions"><button type="submit" disabled={add.isPending || !body.trim()}>{t('deal.addNote')}</button></div>
      </form>
      {notes.isPending && <Loading />}
      {notes.isError && <ErrorBox error={notes.error} onRetry={() => notes.refetch()} />}
      {notes.isSuccess && items.length === 0 && <Empty>{t('deal.noNotes')}</Empty>}
      <ul className="notes">
        {items.map((n) => (
          <li key={n.id} className="note">
            <div className="note-meta">
              <strong>{n.author?.name}</strong>
              {n.createdAt && <time dateTime={n.createdAt} title={formatDateTime(n.createdAt, locale)}>{formatRelative(n.createdAt, locale)}</time>}
              {(isOwner(user) || n.author?.id === user?.id) && (
                <button type="button" className="link danger" onClick={() => { remove.reset(); setDeleting(n.id!); }}>
                  {t('common.delete')}
                </button>
              )}
            </div>
            <p className="note-body">{n.body}</p>
          </li>
        ))}
      </ul>
      {deleting !== null && (
        <ConfirmDialog title={t('deal.noteDeleteConfirm')} confirmLabel={t('common.delete')} danger busy={remove.isPending} error={remove.error}
          onCancel={() => setDeleting(null)} onConfirm={() => remove.mutate(deleting)} />
      )}
    </section>
  );
}
