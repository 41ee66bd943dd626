// DOF's and DPI's year cockpit: every unit of the year with its estimate's status and late flag,
// districts without an estimate or their own IT line, and the floor gauge (refetched as figures change).
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session';
import { useCatalog } from '../estimates/queries';
import { FloorGauge } from '../../ui/charts';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { useBudget, useFloor } from '../province/queries';
import { UnitEstimatesTable } from '../province/UnitEstimatesTable';

export default function Cockpit() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const catalog = useCatalog();
  const budget = useBudget();
  const floor = useFloor();
  if (budget.isPending || floor.isPending) return <Loading />;
  if (!budget.data || !floor.data) return <ErrorAlert error={budget.error ?? floor.error} onRetry={() => void budget.refetch()} />;
  const b = budget.data;
  const missing = floor.data.districts.filter((d) => d.status === null || !d.hasOwnItLine);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('prov.cockpit.title', { year: b.year })}</Title>
        <Text size="sm" c="dimmed">
          {me.role === 'DOF_OFFICER' ? t('prov.cockpit.trackDof') : t('prov.cockpit.trackDpi')}
        </Text>
      </Group>
      <FloorGauge
        floor={floor.data}
        sourceName={(code) => {
          const s = catalog.data?.fundingSources.find((x) => x.code === code);
          return s ? (i18n.language === 'en' ? s.nameEn : s.name) : code;
        }}
      />
      {missing.length > 0 && (
        <Text c="red.9" size="sm" data-testid="districts-missing">
          {t('prov.cockpit.districtsMissing', { count: missing.length, names: missing.map((d) => d.unitName).join(', ') })}
        </Text>
      )}
      <UnitEstimatesTable
        estimates={b.estimates}
        testId="cockpit-units"
        caption={t('prov.cockpit.unitsCaption')}
        markExcluded
        highlightOnHover
        last={{
          key: 'balance',
          header: '',
          render: (e) =>
            (e.status === 'SUBMITTED' || e.status === 'BALANCED') && (
              <Anchor component={Link} to={`/balance/${e.estimateId}`} aria-label={t('prov.cockpit.balanceFor', { unit: e.unitName })}>
                {t('prov.cockpit.balance')}
              </Anchor>
            ),
        }}
      />
    </Stack>
  );
}
