import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { refreshRetryAfter, refreshSession, session } from './api/client';
import { ApiError } from './api/problem';
import { Layout } from './components/Layout';
import { Loading } from './components/States';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './features/auth/RecoveryPages';
import { SignInPage } from './features/auth/SignInPage';
import { RequireOwner } from './features/auth/RequireOwner';
import { SignUpPage } from './features/auth/SignUpPage';
import { useUser } from './features/auth/useAuth';
import { AgendaPage } from './features/activities/AgendaPage';
import { BoardPage } from './features/board/BoardPage';
import { LeadsPage } from './features/leads/LeadsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { TeamPage } from './features/team/TeamPage';
import { WhatsAppPage } from './features/whatsapp/WhatsAppPage';
import { I18nProvider, useI18n } from './i18n';

// Reports carry the chart library: split from the board, loaded when the screen is first opened.
const ReportsPage = lazy(() => import('./features/reports/ReportsPage'));
// The spreadsheet import, likewise: a screen visited now and then.
const ImportPage = lazy(() => import('./features/imports/ImportPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Opening a screen shows what is cached at once and refetches it: another user's invitation, lead or
      // deal is on the list when you come back to it (the board also listens live).
      staleTime: 0,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function RequireAuth({ children }: { children: ReactNode }) {
  const user = useUser();
  const location = useLocation();
  const { t } = useI18n();
  if (!user) {
    // A session the server ended (expired, revoked, account deactivated) says so on the sign-in page.
    const notice = session.ended ? t('common.sessionEnded') : undefined;
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search, notice }} />;
  }
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const user = useUser();
  if (user) return <Navigate to="/" replace />;
  return <>{children}</>;
}

function NotFound() {
  const { t } = useI18n();
  return <div className="state"><p>{t('common.notFound')}</p><Link to="/">{t('common.backHome')}</Link></div>;
}

function Boot({ children }: { children: ReactNode }) {
  // Restore the session from the refresh cookie (remember me) before routing.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    // A busy server (rate limit, restart) is waited for a few times rather than showing sign-in.
    const boot = async () => {
      for (let attempt = 0; attempt < 4; attempt++) {
        if (await refreshSession() || refreshRetryAfter === null) break;
        await new Promise((r) => setTimeout(r, refreshRetryAfter! * 1000));
      }
    };
    boot().finally(() => { if (live) setReady(true); });
    return () => { live = false; };
  }, []);
  useEffect(() => session.subscribe((u) => { if (!u) queryClient.clear(); }), []);
  if (!ready) return <Loading />;
  return <>{children}</>;
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Boot>
            <Routes>
              <Route path="/sign-in" element={<GuestOnly><SignInPage /></GuestOnly>} />
              <Route path="/sign-up" element={<GuestOnly><SignUpPage /></GuestOnly>} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password" element={<ResetPasswordPage />} />
              <Route path="/verify-email" element={<VerifyEmailPage />} />
              <Route path="/invite/:token" element={<AcceptInvitePage />} />
              <Route element={<RequireAuth><Layout /></RequireAuth>}>
                <Route index element={<BoardPage />} />
                <Route path="/deals/:dealId" element={<BoardPage />} />
                <Route path="/agenda" element={<AgendaPage />} />
                <Route path="/leads" element={<LeadsPage />} />
                <Route path="/leads/:leadId" element={<LeadsPage />} />
                <Route path="/leads/importar" element={<Suspense fallback={<Loading />}><ImportPage /></Suspense>} />
                <Route path="/leads/importar/:importId" element={<Suspense fallback={<Loading />}><ImportPage /></Suspense>} />
                <Route path="/importar" element={<Navigate to="/leads/importar" replace />} />
                <Route path="/team" element={<RequireOwner title="team.title" message="team.boOnly"><TeamPage /></RequireOwner>} />
                <Route path="/relatorios" element={<Suspense fallback={<Loading />}><ReportsPage /></Suspense>} />
                <Route path="/whatsapp" element={<WhatsAppPage />} />
                <Route path="/settings" element={<SettingsPage />} />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Boot>
        </BrowserRouter>
      </QueryClientProvider>
    </I18nProvider>
  );
}
