import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import { ApiError } from '../../api/problem';
import type { Deal, Note, Paged } from '../../api/types';
import { Field } from '../../components/Field';
import { Alert, Empty, ErrorBox, errorText, fieldErrors, formError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatMoney, formatRelative, parseMoney, formatDateTime } from '../../lib/format';
import { isOwner, useUser } from '../auth/useAuth';
import { useStages, useTeam } from '../board/hooks';
import { isLostStage, stageName } from '../board/stageName';
import { afterConflict, onServerDeal, type DealFields, type VersionedDeal } from './dealEdit';

/** A save refused because someone else changed the title or value; carries their version. */
class DealConflict extends Error {
  constructor(readonly theirs: VersionedDeal) {
    super('deal.version_conflict');
  }
}

export function DealPanel({ dealId, onClose }: { dealId: number; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  const deal = useQuery({ queryKey: ['deal', dealId], queryFn: () => api<Deal>(`/api/deals/${dealId}`) });
  // Focus moves in once, on opening: the board re-renders on every live event and passes a new onClose each time.
  const close = useRef(onClose);
  useEffect(() => { close.current = onClose; });
  useEffect(() => {
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !document.querySelector('.backdrop .dialog')) close.current(); };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <div className="drawer-backdrop" onClick={onClose} />
      <aside ref={ref} className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className="dialog-head">
          <h2 id={titleId}>{deal.data?.title ?? t('deal.panel')}</h2>
          <button type="button" className="icon" onClick={onClose} aria-label={t('common.close')}>×</button>
        </div>
        {deal.isPending && <Loading />}
        {deal.isError && <ErrorBox error={deal.error} onRetry={() => deal.refetch()} />}
        {deal.data && <DealDetails deal={deal.data} onDeleted={onClose} />}
      </aside>
    </>
  );
}

function DealDetails({ deal, onDeleted }: { deal: Deal; onDeleted: () => void }) {
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
  const [title, setTitle] = useState(base.title);
  const [value, setValue] = useState(money(base.value));
  const mine = (): DealFields => ({ title, value: parseMoney(value) ?? 0 });
  const [conflict, setConflict] = useState<VersionedDeal | null>(null);
  const [saved, setSaved] = useState(false);
  const [stageId, setStageId] = useState(String(deal.stage?.id ?? ''));
  const [lossReason, setLossReason] = useState(deal.lossReason ?? '');
  const loadFrom = (d: VersionedDeal) => {
    setBase(d);
    setTitle(d.title);
    setValue(money(d.value));
    setConflict(null);
  };
  useEffect(() => {
    const latest = asForm(deal);
    switch (onServerDeal(base, latest, mine())) {
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
  const save = useMutation({
    // `overwrite`: the user saw the other change and keeps theirs, so save over that version.
    mutationFn: async (overwrite?: VersionedDeal): Promise<Deal> => {
      const body = { title: title.trim(), value: parseMoney(value) ?? 0 };
      let version = overwrite?.version ?? base.version;
      for (let attempt = 0; ; attempt++) {
        try {
          return await api<Deal>(`/api/deals/${deal.id}`, { method: 'PUT', body: { ...body, version } });
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 409) || attempt >= 2) throw err;
          const latest = await fetchLatest();
          const decision = afterConflict(overwrite ?? base, asForm(latest), body);
          if (decision.kind === 'same') return latest;
          if (decision.kind === 'conflict') throw new DealConflict(asForm(latest));
          version = decision.version;
        }
      }
    },
    onMutate: () => { setSaved(false); },
    onSuccess: (d) => { loadFrom(asForm(d)); setSaved(true); qc.setQueryData(['deal', deal.id], d); refresh(); },
    onError: (err) => {
      if (err instanceof DealConflict) setConflict(err.theirs);
      void refreshQueries(qc, ['board']);
    },
  });
  const moveStage = useMutation({
    mutationFn: () => api(`/api/deals/${deal.id}/move`, { method: 'POST', body: { stageId: Number(stageId), lossReason: lossReason.trim() || null } }),
    onSuccess: refresh,
  });
  const reassign = useMutation({
    mutationFn: (ownerId: number) => api(`/api/deals/${deal.id}/owner`, { method: 'PUT', body: { ownerId } }),
    onSuccess: refresh,
  });
  const del = useMutation({
    mutationFn: () => api(`/api/deals/${deal.id}`, { method: 'DELETE' }),
    onSuccess: () => { void refreshQueries(qc, ['board']); onDeleted(); },
  });

  const targetStage = stages.data?.find((s) => String(s.id) === stageId);
  const needsReason = isLostStage(targetStage);
  const stageChanged = stageId !== String(deal.stage?.id) || (needsReason && lossReason.trim() !== (deal.lossReason ?? ''));

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(undefined);
  }
  const saveTop = save.error instanceof DealConflict ? null : formError(t, save.error, ['title', 'value']);
  return (
    <div className="drawer-body">
      <p className="muted">
        {t('deal.lead')}: <strong>{deal.lead?.name}</strong> · {deal.lead?.email}{deal.lead?.phone ? ` · ${deal.lead.phone}` : ''}
      </p>
      <p className="muted">{formatMoney(Number(deal.value ?? 0))} · {deal.createdAt && t('deal.created', { when: formatDateTime(deal.createdAt, locale) })}</p>

      <form onSubmit={submit} noValidate className="panel-section">
        {conflict && (
          <div className="alert alert-error" role="alert" data-testid="deal-conflict">
            <p>{t('deal.conflict', { title: conflict.title, value: formatMoney(conflict.value) })}</p>
            <div className="actions">
              <button type="button" onClick={() => loadFrom(conflict)}>{t('deal.loadTheirs')}</button>
              <button type="button" className="primary" disabled={save.isPending} onClick={() => save.mutate(conflict)}>{t('deal.keepMine')}</button>
            </div>
          </div>
        )}
        {saveTop && <Alert kind="error">{saveTop}</Alert>}
        {saved && <Alert kind="success">{t('settings.saved')}</Alert>}
        <Field label={t('deal.title')} value={title} onChange={(e) => setTitle(e.target.value)} errors={fieldErrors(t, save.error, 'title')} maxLength={200} />
        <Field label={t('deal.value')} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} errors={fieldErrors(t, save.error, 'value')} />
        <div className="actions"><button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('common.save')}</button></div>
      </form>

      <form className="panel-section" onSubmit={(e) => { e.preventDefault(); moveStage.mutate(); }} noValidate>
        <div className="field">
          <label htmlFor="dp-stage">{t('deal.stage')}</label>
          <select id="dp-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
            {(stages.data ?? []).map((s) => <option key={s.id} value={s.id}>{stageName(t, s)}</option>)}
          </select>
        </div>
        {needsReason && (
          <Field label={t('deal.lossReason')} value={lossReason} onChange={(e) => setLossReason(e.target.value)} errors={fieldErrors(t, moveStage.error, 'lossReason')} required />
        )}
        {moveStage.error && !fieldErrors(t, moveStage.error, 'lossReason') && <Alert kind="error">{errorText(t, moveStage.error)}</Alert>}
        {stageChanged && (
          <div className="actions"><button type="submit" className="primary" disabled={moveStage.isPending || (needsReason && !lossReason.trim())}>{t('common.save')}</button></div>
        )}
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

      <Notes dealId={deal.id!} />

      <div className="panel-section danger-zone">
        {del.error && <Alert kind="error">{errorText(t, del.error)}</Alert>}
        <button type="button" className="danger" disabled={del.isPending}
          onClick={() => { if (window.confirm(t('deal.deleteConfirm', { title: deal.title ?? '' }))) del.mutate(); }}>
          {t('common.delete')}
        </button>
      </div>
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
  const add = useMutation({
    mutationFn: () => api<Note>(`/api/deals/${dealId}/notes`, { method: 'POST', body: { body } }),
    onSuccess: () => { setBody(''); void refreshQueries(qc, key); },
  });
  const remove = useMutation({
    mutationFn: (noteId: number) => api(`/api/deals/${dealId}/notes/${noteId}`, { method: 'DELETE' }),
    onSuccess: () => void refreshQueries(qc, key),
  });
  const items = notes.data?.items ?? [];
  return (
    <section className="panel-section" aria-labelledby="notes-h">
      <h3 id="notes-h">{t('deal.notes')}</h3>
      <form onSubmit={(e) => { e.preventDefault(); if (body.trim()) add.mutate(); }} noValidate>
        <div className={`field${fieldErrors(t, add.error, 'body') ? ' field-invalid' : ''}`}>
          <label htmlFor="note-body">{t('deal.noteBody')}</label>
          <textarea id="note-body" rows={3} value={body} maxLength={10000} onChange={(e) => setBody(e.target.value)} />
          {add.error && <div className="field-error" role="alert">{fieldErrors(t, add.error, 'body')?.join(' ') ?? errorText(t, add.error)}</div>}
        </div>
        <div className="actions"><button type="submit" disabled={add.isPending || !body.trim()}>{t('deal.addNote')}</button></div>
      </form>
      {notes.isPending && <Loading />}
      {notes.isError && <ErrorBox error={notes.error} onRetry={() => notes.refetch()} />}
      {notes.isSuccess && items.length === 0 && <Empty>{t('deal.noNotes')}</Empty>}
      {remove.error && <Alert kind="error">{errorText(t, remove.error)}</Alert>}
      <ul className="notes">
        {items.map((n) => (
          <li key={n.id} className="note">
            <div className="note-meta">
              <strong>{n.author?.name}</strong>
              {n.createdAt && <time dateTime={n.createdAt} title={formatDateTime(n.createdAt, locale)}>{formatRelative(n.createdAt, locale)}</time>}
              {(isOwner(user) || n.author?.id === user?.id) && (
                <button type="button" className="link danger" onClick={() => { if (window.confirm(t('deal.noteDeleteConfirm'))) remove.mutate(n.id!); }}>
                  {t('common.delete')}
                </button>
              )}
            </div>
            <p className="note-body">{n.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
