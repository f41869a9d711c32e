import { useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { LossReasonSuggestions } from './LossReasonSuggestions';

export function LostReasonDialog({ onConfirm, onCancel }: { onConfirm: (reason: string) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const blank = reason.trim().length === 0;
  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!blank) onConfirm(reason.trim());
  }
  return (
    <Dialog title={t('board.lostTitle')} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        <Field label={t('board.lossReason')} value={reason} required maxLength={500}
          onChange={(e) => setReason(e.target.value)} errors={touched && blank ? [t('srv.lossReason')] : undefined} />
        <LossReasonSuggestions value={reason} onPick={setReason} />
        <div className="actions">
          <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
          <button type="submit" className="primary danger" disabled={blank}>{t('board.markLost')}</button>
        </div>
      </form>
    </Dialog>
  );
}
