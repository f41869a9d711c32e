import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { logout } from '../api/client';
import { isOwner, useUser } from '../features/auth/useAuth';
import { ConnectionBanner } from '../features/whatsapp/ConnectionBanner';
import { useI18n } from '../i18n';

export function Layout() {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => { if (!menuRef.current?.contains(e.target as Node)) setOpen(false); };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false); };
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('mousedown', onDoc); document.removeEventListener('keydown', onKey); };
  }, [open]);

  async function signOut() {
    await logout();
    qc.clear();
    navigate('/sign-in', { replace: true });
  }

  return (
    <div className="app">
      <a href="#main" className="skip">{t('nav.skip')}</a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')} className="nav">
          <NavLink to="/" end>{t('nav.board')}</NavLink>
          <NavLink to="/agenda">{t('nav.agenda')}</NavLink>
          <NavLink to="/leads">{t('nav.leads')}</NavLink>
          <NavLink to="/relatorios">{t('nav.reports')}</NavLink>
          {isOwner(user) && <NavLink to="/team">{t('nav.team')}</NavLink>}
          <NavLink to="/whatsapp">{t('nav.whatsapp')}</NavLink>
          <NavLink to="/settings">{t('nav.settings')}</NavLink>
        </nav>
        <div className="user-menu" ref={menuRef}>
          <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
            <span className="avatar" aria-hidden="true">{(user?.name ?? '?').charAt(0).toUpperCase()}</span>
            <span className="user-name">{user?.name}</span>
            <span className="sr-only"> — {t('user.menu')}</span>
          </button>
          {open && (
            <div className="menu" role="menu">
              <div className="menu-info">
                <strong>{user?.name}</strong>
                <small>{user?.email}</small>
                <small>{user?.tenant?.name}</small>
              </div>
              <button type="button" role="menuitem" onClick={() => { setOpen(false); navigate('/settings'); }}>{t('nav.settings')}</button>
              <button type="button" role="menuitem" onClick={signOut}>{t('user.logout')}</button>
            </div>
          )}
        </div>
      </header>
      <main id="main" className="content">
        {isOwner(user) && <ConnectionBanner />}
        <Outlet />
      </main>
    </div>
  );
}
