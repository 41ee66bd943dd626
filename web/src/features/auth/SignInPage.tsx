// Sign-in: username and password, errors in words, then back where the user was going.
import { Alert, Button, Center, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { returnToFor } from '../../app/returnTo';
import { useSession } from '../../app/session';
import { setLanguage, type Language } from '../../i18n';
import { errorText } from '../../ui/errors';

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { me, signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Back to the page that sent here, if this user's role has it; else the role's home.
  if (me) return <Navigate to={returnToFor(me.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <main style={{ width: '100%', maxWidth: 400 }}>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={(event) => void submit(event)}>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('app.name')}
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('auth.intro')}
                </Text>
              </div>
              <Title order={2} size="h4">
                {t('auth.title')}
              </Title>
              {error !== null && (
                <Alert color="red" role="alert">
                  {errorText(error, t, i18n.language)}
                </Alert>
              )}
              <TextInput
                label={t('auth.username')}
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(event) => setUsername(event.currentTarget.value)}
              />
              <PasswordInput
                label={t('auth.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <Button type="submit" loading={busy} fullWidth>
                {t('auth.submit')}
              </Button>
              <SegmentedControl
                size="xs"
                aria-label={t('app.language')}
                value={i18n.language}
                onChange={(value) => setLanguage(value as Language)}
                data={[
                  { value: 'vi', label: 'Tiếng Việt' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Stack>
          </form>
        </Paper>
      </main>
    </Center>
  );
}
