import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand">{t('app.name')}</div>
        <h1>{title}</h1>
        {children}
        <div className="auth-lang">
          <label>
            {t('settings.language')}{' '}
            <select value={locale} onChange={(e) => setLocale(e.target.value as 'pt-BR' | 'en')}>
              <option value="pt-BR">Português (Brasil)</option>
              <option value="en">English</option>
            </select>
          </label>
        </div>
      </div>
    </main>
  );
}
