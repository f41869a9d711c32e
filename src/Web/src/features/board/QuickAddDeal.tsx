import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Deal, Lead, Paged, Stage } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { SelectField } from '../../components/SelectField';
import type { MessageKey } from '../../i18n/en';
import { readMoney } from '../../lib/format';
import { moneyProblemKey } from '../../lib/moneyText';
import { isOwner, useUser } from '../auth/useAuth';
import { useTeam } from './hooks';
import { checkNewDeal, type NewDealForm } from './newDealRules';
import { stageName } from './stageName';

/** `onCreated`: the new deal, so the board can offer to schedule its first activity. */
export function QuickAddDeal({ stages, onClose, onCreated }: { stages: Stage[]; onClose: () => void; onCreated?: (deal: { id: number; title: string }) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const qc = useQueryClient();
  const team = useTeam(owner);
  const [leadSearch, setLeadSearch] = useState('');
  const leads = useQuery({
    queryKey: ['leads', 'picker', leadSearch],
    queryFn: () => api<Paged<Lead>>('/api/leads', { query: { search: leadSearch || undefined, pageSize: 50 } }),
  });
  const [leadId, setLeadId] = useState('');
  const [title, setTitle] = useState('');
  const [value, setValue] = useState('');
  const [stageId, setStageId] = useState(String(stages[0]?.id ?? ''));
  const [ownerId, setOwnerId] = useState('');
  // Checked here before sending; a field's message goes when it is edited.
  const [mistakes, setMistakes] = useState<Partial<Record<keyof NewDealForm, MessageKey>>>({});
  const edited = (field: keyof NewDealForm) => setMistakes(({ [field]: _gone, ...rest }) => rest);
  const create = useMutation({
    mutationFn: (amount: number) => api<Deal>('/api/deals', {
      method: 'POST',
      body: {
        leadId: leadId ? Number(leadId) : null,
        title: title.trim(),
        value: amount,
        stageId: stageId ? Number(stageId) : null,
        ownerId: owner && ownerId ? Number(ownerId) : null,
      },
    }),
    onSuccess: (deal) => {
      void refreshQueries(qc, ['board']);
      onClose();
      if (deal?.id) onCreated?.({ id: deal.id, title: deal.title ?? title.trim() });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const check = checkNewDeal({ leadId, title, value });
    if (!check.ok) {
      setMistakes(check.errors);
      create.reset();
      return;
    }
    setMistakes({});
    create.mutate(check.value);
  }
  function checkValue() {
    const money = readMoney(value);
    if (!money.ok) setMistakes((m) => ({ ...m, value: moneyProblemKey[money.problem] }));
  }
  const err = create.error;
  const errorsOf = (field: keyof NewDealForm) => (mistakes[field] ? [t(mistakes[field])] : fieldErrors(t, err, field));
  const top = formError(t, err, ['leadId', 'title', 'value', 'stageId', 'ownerId']);
  const leadItems = leads.data?.items ?? [];
  return (
    <Dialog title={t('board.quickAdd')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        <Field label={t('common.search') + ' — ' + t('deal.lead')} type="search" value={leadSearch} onChange={(e) => setLeadSearch(e.target.value)} />
        <SelectField id="qa-lead" label={t('deal.lead')} value={leadId} errors={errorsOf('leadId')}
          hint={leads.isSuccess && leadItems.length === 0 && !leadSearch ? t('deal.noLeads') : undefined}
          onChange={(e) => { setLeadId(e.target.value); edited('leadId'); }}>
          <option value="">{t('deal.chooseLead')}</option>
          {leadItems.map((l) => <option key={l.id} value={l.id}>{l.name} — {l.email}</option>)}
        </SelectField>
        <Field label={t('deal.title')} value={title} onChange={(e) => { setTitle(e.target.value); edited('title'); }} errors={errorsOf('title')} maxLength={200} />
        <Field label={t('deal.value')} inputMode="decimal" value={value} onChange={(e) => { setValue(e.target.value); edited('value'); }} onBlur={checkValue}
          errors={errorsOf('value')} placeholder="0,00" />
        <div className="field">
          <label htmlFor="qa-stage">{t('deal.stage')}</label>
          <select id="qa-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
            {stages.filter((s) => !s.isTerminal).map((s) => <option key={s.id} value={s.id}>{stageName(t, s)}</option>)}
          </select>
        </div>
        {owner && (
          <div className="field">
            <label htmlFor="qa-owner">{t('deal.owner')}</label>
            <select id="qa-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} aria-describedby={fieldErrors(t, err, 'ownerId') ? 'qa-owner-err' : undefined}>
              <option value="">{user?.name}</option>
              {(team.data?.items ?? []).filter((u) => u.status === 'Active' && u.id !== user?.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
            {fieldErrors(t, err, 'ownerId') && <div id="qa-owner-err" className="field-error" role="alert">{fieldErrors(t, err, 'ownerId')!.join(' ')}</div>}
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={create.isPending}>{create.isPending ? t('common.saving') : t('deal.create')}</button>
        </div>
      </form>
    </Dialog>
  );
}
