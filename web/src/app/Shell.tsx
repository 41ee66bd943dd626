// The frame of every screen after sign-in: header (name, year, language, user), navigation by role.
import { AppShell, Burger, Group, NativeSelect, NavLink, SegmentedControl, Text, Title, Button, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { setLanguage, type Language } from '../i18n';
import { Loading } from '../ui/Loading';
import { routesFor } from './routes';
import { useMe, useSession } from './session';

export function Shell() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { years, year, setYear, signOut } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const nav = routesFor(me.role).filter((route) => route.nav);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.menu')} />
            <div>
              <Title order={1} size="h4" lh={1.1}>
                {t('app.name')}
              </Title>
              <Text size="xs" c="dimmed">
                {t('app.province')}
              </Text>
            </div>
          </Group>
          <Group gap="md" wrap="nowrap">
            <NativeSelect
              aria-label={t('year.label')}
              size="sm"
              data={years.map((y) => ({ value: String(y.year), label: `${t('year.label')} ${y.year}` }))}
              value={year === null ? '' : String(year)}
              onChange={(event) => setYear(Number(event.currentTarget.value))}
            />
            <SegmentedControl
              size="xs"
              aria-label={t('app.language')}
              value={i18n.language}
              onChange={(value) => setLanguage(value as Language)}
              data={[
                { value: 'vi', label: 'VI' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Stack gap={0} align="flex-end" visibleFrom="md">
              <Text size="sm" fw={600} lh={1.2}>
                {me.fullName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {whoLine(me.fullName, t(`roles.${me.role}`), me.unitName)}
              </Text>
            </Stack>
            <Button variant="default" size="xs" onClick={signOut}>
              {t('auth.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.work')}>
        <nav>
          {nav.map((route) => (
            <NavLink
              key={route.path + route.nav}
              component={RouterLink}
              to={`/${route.path}`}
              end
              label={t(route.nav!)}
              active={location.pathname === `/${route.path}`}
              variant="filled"
            />
          ))}
        </nav>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * The line under the user's name: role and unit, each left out when the name already says it
 * ("Chuyên viên Sở Tài chính" needs neither "Sở Tài chính" as role nor as unit), and said once.
 */
export function whoLine(fullName: string, role: string, unit: string): string {
  const parts = [role, unit].filter((part, i, all) => part && !fullName.includes(part) && all.indexOf(part) === i);
  return parts.join(' · ');
}
