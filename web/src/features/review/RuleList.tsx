// The checklist as a list a person reads: each rule, its state in words and an icon-free colour mark.
import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { formatVnd } from '../../ui/money';
import type { RuleCheck, RuleState } from './checklist';

const COLOR: Record<RuleState, string> = { ok: 'green', fail: 'red', warn: 'yellow', na: 'gray' };

export function ruleMessage(check: RuleCheck, t: (key: string, values?: Record<string, unknown>) => string): string {
  const v = check.values;
  const money = (key: string) => formatVnd(String(v[key] ?? '0'));
  return t(`checks.${check.code}.${check.state}`, {
    ...v,
    amount: v.amount !== undefined ? money('amount') : undefined,
    requested: v.requested !== undefined ? money('requested') : undefined,
    awarded: v.awarded !== undefined ? money('awarded') : undefined,
    deadline: v.deadline !== undefined ? formatDate(String(v.deadline)) : undefined,
    source: v.source !== undefined ? t(`sources.${String(v.source)}`) : undefined,
  });
}

export function RuleList({ checks, only }: { checks: RuleCheck[]; only?: RuleState[] }) {
  const { t } = useTranslation();
  const shown = only ? checks.filter((c) => only.includes(c.state)) : checks;
  return (
    <List spacing="xs" listStyleType="none" data-testid="rule-list">
      {shown.map((check) => (
        <List.Item key={check.code} data-rule={check.code} data-state={check.state}>
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Badge color={COLOR[check.state]} variant="light" w={140} style={{ flexShrink: 0 }}>
              {t(`checkState.${check.state}`)}
            </Badge>
            <div>
              <Text fw={600} size="sm">
                {t(`checks.${check.code}.title`)}
              </Text>
              <Text size="sm">{ruleMessage(check, t)}</Text>
            </div>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
