// The year's rules report (the floor, districts' own IT lines, contingency…): each rule passed or not,
// with what breaks it (units by name, amounts grouped, as the API words them), in the chosen language
// (the API's messages are "vi / en"); a passed rule says what it found in one dimmed line.
import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { pickLanguage } from '../../ui/errors';
import type { RuleResult } from './queries';
import { SoftBadge } from '../../ui/SoftBadge';

export function RulesReport({ results }: { results: RuleResult[] }) {
  const { t, i18n } = useTranslation();
  const say = (s: string) => pickLanguage(s, i18n.language);
  return (
    <Paper withBorder p="md" data-testid="rules-report">
      <Title order={3} size="h4" mb="xs">
        {t('prov.rules.title')}
      </Title>
      <Stack gap="xs">
        {results.map((r) => (
          <div key={r.code}>
            <Group gap="xs">
              <SoftBadge color={r.passed ? 'green' : r.severity === 'BLOCKING' ? 'red' : 'orange'}>
                {r.passed ? t('checkState.ok') : r.severity === 'BLOCKING' ? t('prov.rules.blocking') : t('checkState.warn')}
              </SoftBadge>
              <Text fw={600} size="sm">
                {say(r.title)}
              </Text>
            </Group>
            {r.passed && r.message && (
              <Text size="sm" c="dimmed" ml="md">
                {say(r.message)}
              </Text>
            )}
            {!r.passed && (
              <List size="sm" ml="md">
                {(r.violations?.length ? r.violations.map((v) => v.message) : [r.message]).map((m, i) => (
                  <List.Item key={i}>{say(m)}</List.Item>
                ))}
              </List>
            )}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}
