// The checklist as a list a person reads: each rule as the server words it (in the chosen
// language), its state in words and an icon-free colour mark.
import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChecklistRule, ChecklistState } from '../../api/types';
import { pickLanguage } from '../../ui/errors';

const COLOR: Record<ChecklistState, string> = { ok: 'green', fail: 'red', warn: 'yellow', na: 'gray' };

export function RuleList({ rules, only }: { rules: ChecklistRule[]; only?: ChecklistState[] }) {
  const { t, i18n } = useTranslation();
  const shown = only ? rules.filter((rule) => only.includes(rule.state)) : rules;
  return (
    <List spacing="xs" listStyleType="none" data-testid="rule-list">
      {shown.map((rule) => (
        <List.Item key={rule.code} data-rule={rule.code} data-state={rule.state}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Badge color={COLOR[rule.state]} variant="light" w={140} style={{ flexShrink: 0 }}>
              {t(`checkState.${rule.state}`)}
            </Badge>
            <div>
              <Text fw={600} size="sm">
                {pickLanguage(rule.title, i18n.language)}
              </Text>
              <Text size="sm">{pickLanguage(rule.message, i18n.language)}</Text>
            </div>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
