import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { UploadedImport } from '../../api/types';
import { Alert, ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { ChooseFileStep } from './ChooseFileStep';
import { useImportRun } from './hooks';
import { ImportSteps } from './ImportSteps';
import { ImportSummary } from './ImportSummary';
import { isFinished } from './importProgress';
import { MappingStep } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import { RecentImports } from './RecentImports';

/**
 * Importar planilha (/leads/importar): file, columns, then the run at /leads/importar/{id}, where its progress and
 * summary stay reachable after a reload. Code-split from the board like the reports.
 */
export default function ImportPage() {
  const { t } = useI18n();
  const { importId } = useParams();
  return (
    <div className="page import-page">
      <div className="toolbar">
        <h1>{t('import.title')}</h1>
        <Link to="/leads">{t('import.backToLeads')}</Link>
      </div>
      {importId ? <ImportRun key={importId} id={Number(importId)} /> : <ImportWizard />}
    </div>
  );
}

function ImportWizard() {
  const navigate = useNavigate();
  const [uploaded, setUploaded] = useState<UploadedImport | null>(null);
  const [cameBack, setCameBack] = useState(false);
  if (!uploaded) {
    return (
      <>
        <ImportSteps current={0} />
        <ChooseFileStep focusHeading={cameBack} onUploaded={setUploaded} />
        <RecentImports />
      </>
    );
  }
  function back() {
    // the upload that will not be used is put away (cancelled) rather than left waiting
    void api(`/api/imports/${uploaded!.import.id}/cancel`, { method: 'POST' }).catch(() => {});
    setUploaded(null);
    setCameBack(true);
  }
  return (
    <>
      <ImportSteps current={1} />
      <MappingStep uploaded={uploaded} onBack={back} onStarted={(view) => navigate(`/leads/importar/${view.id}`, { replace: true })} />
    </>
  );
}

function ImportRun({ id }: { id: number }) {
  const { t } = useI18n();
  const run = useImportRun(id);
  if (run.isPending) return <Loading />;
  if (run.isError) return <ErrorBox error={run.error} onRetry={() => run.refetch()} />;
  const view = run.data;
  if (view.status === 'Uploaded') {
    return <Alert kind="info">{t('import.notStarted')} <Link to="/leads/importar">{t('import.another')}</Link></Alert>;
  }
  const finished = isFinished(view.status);
  return (
    <>
      <ImportSteps current={finished ? 3 : 2} />
      {finished ? <ImportSummary view={view} /> : <ProgressStep view={view} />}
    </>
  );
}
