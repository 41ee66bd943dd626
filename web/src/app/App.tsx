// Routing: the sign-in page for everyone, the shell with the role's screens for a signed-in user.
import { Anchor, Center, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { SignInPage } from '../features/auth/SignInPage';
import { Loading } from '../ui/Loading';
import { forgetReturnTo, rememberReturnTo } from './returnTo';
import { routesFor } from './routes';
import { useSession } from './session';
import { Shell } from './Shell';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Center p="xl">
      <Stack align="center">
        <Text>{t('common.notFound')}</Text>
        <Anchor component={Link} to="/">
          {t('common.backHome')}
        </Anchor>
      </Stack>
    </Center>
  );
}

function SignedInRoutes() {
  const { me, loading, signedOut } = useSession();
  const location = useLocation();
  // Signed in and inside the shell: the remembered address has served its purpose.
  useEffect(() => {
    if (me) forgetReturnTo();
  }, [me]);
  if (loading) return <Loading />;
  if (!me) {
    // Only an auth redirect (deep link, expired session) remembers the page; a sign-out does not,
    // or the next user would land on this user's page.
    if (!signedOut) rememberReturnTo(location.pathname + location.search);
    return <Navigate to="/login" replace />;
  }
  return (
    <Routes>
      <Route element={<Shell />}>
        {routesFor(me.role).map(({ path, Component }) => (
          <Route key={path} path={path === '' ? undefined : path} index={path === ''} element={<Component />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter basename="/app">
      <Routes>
        <Route path="/login" element={<SignInPage />} />
        <Route path="/*" element={<SignedInRoutes />} />
      </Routes>
    </BrowserRouter>
  );
}
