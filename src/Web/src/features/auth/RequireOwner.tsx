import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { isOwner, useUser } from './useAuth';

/** Business-Owner-only screens: a Salesperson who follows a link or types the URL gets a clear "not allowed". */
export function RequireOwner({ title, message, children }: { title: MessageKey; message: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  const user = useUser();
  if (isOwner(user)) return <>{children}</>;
  return (
    <div className="page narrow" data-testid="not-allowed">
      <h1>{t(title)}</h1>
      <div className="state" role="alert">
        <p>{t(message)}</p>
        <Link to="/">{t('common.backHome')}</Link>
      </div>
    </div>
  );
}
