// The estimate's totals as the API computed them (by funding source, expenditure type and plan
// area), named from the catalog; always in view beside the grid.
import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmountByCode, Catalog, Estimate } from '../../api/types';
import { formatVnd } from '../../ui/money';

function Rows({ title, rows, nameOf, kind }: { title: string; rows: AmountByCode[]; nameOf: (code: string) => string; kind: string }) {
  return (
    <div>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
        {title}
      </Text>
      {rows.length === 0 && <Text size="sm">—</Text>}
      {rows.map((row) => (
        <Group key={row.code} justify="space-between" gap="xs" wrap="nowrap" data-total-kind={kind} data-code={row.code}>
          <Text size="sm" lineClamp={2} lh={1.25} title={nameOf(row.code)}>
            {nameOf(row.code)}
          </Text>
          <Text size="sm" className="money" data-testid={`total-${kind}-${row.code}`}>
            {formatVnd(row.amount)}
          </Text>
        </Group>
      ))}
    </div>
  );
}

/** Redrawn only when the estimate answer changes (not while a cell is being typed in). */
export const TotalsPanel = memo(function TotalsPanel({ estimate, catalog }: { estimate: Estimate; catalog: Catalog }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const namer = useMemo(() => {
    const names = (list: { code: string; name: string; nameEn: string }[]) => new Map(list.map((x) => [x.code, en ? x.nameEn : x.name]));
    return (list: { code: string; name: string; nameEn: string }[]) => {
      const known = names(list);
      return (code: string) => known.get(code) ?? code;
    };
  }, [en]);
  return (
    <Paper withBorder p="sm" component="aside" aria-label={t('editor.totals')} style={{ position: 'sticky', top: 76 }}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('editor.totals')}
        </Title>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>{t('common.total')}</Text>
          <Text fw={700} className="money" data-testid="total">
            {formatVnd(estimate.totals.total)}
          </Text>
        </Group>
        <Divider />
        <Rows title={t('editor.bySource')} rows={estimate.totals.byFundingSource} nameOf={namer(catalog.fundingSources)} kind="source" />
        <Rows title={t('editor.byType')} rows={estimate.totals.byExpenditureType} nameOf={namer(catalog.expenditureTypes)} kind="type" />
        <Rows
          title={t('editor.byArea')}
          rows={estimate.totals.byPlanArea}
          nameOf={(code) => `${code} ${namer(catalog.planAreas)(code)}`}
          kind="area"
        />
      </Stack>
    </Paper>
  );
});
