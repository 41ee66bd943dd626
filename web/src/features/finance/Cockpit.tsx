// DOF's and DPI's year cockpit: every unit of the year with its estimate's status and late flag,
// districts without an estimate or their own IT line, and the floor gauge (refetched as figures change).
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session';
import { FloorGauge } from '../../ui/charts';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { useBudget, useFloor } from '../province/queries';
import { SoftBadge, StatusTag } from '../../ui/SoftBadge';

export default function Cockpit() {
  const { t } = useTranslation();
  const me = useMe();
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
      <FloorGauge floor={floor.data} />
      {missing.length > 0 && (
        <Text c="red.9" size="sm" data-testid="districts-missing">
          {t('prov.cockpit.districtsMissing', { count: missing.length, names: missing.map((d) => d.unitName).join(', ') })}
        </Text>
      )}
      <Table striped highlightOnHover data-testid="cockpit-units">
        <Table.Caption>{t('prov.cockpit.unitsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('prov.unit')}</Table.Th>
            <Table.Th>{t('work.status')}</Table.Th>
            <Table.Th ta="right">{t('prov.requested')}</Table.Th>
            <Table.Th ta="right">{t('prov.approved')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {b.estimates.map((e) => (
            <Table.Tr key={e.estimateId}>
              <Table.Td>
                {e.unitName}
                {e.submittedLate && (
                  <SoftBadge ml="xs" color="orange">
                    {t('prov.late')}
                  </SoftBadge>
                )}
                {e.excluded && (
                  <SoftBadge ml="xs" color="gray">
                    {t('prov.budget.excludedShort')}
                  </SoftBadge>
                )}
              </Table.Td>
              <Table.Td>
                <StatusTag status={e.status} />
              </Table.Td>
              <Table.Td ta="right">{formatVnd(e.requested)}</Table.Td>
              <Table.Td ta="right">{formatVnd(e.approved)}</Table.Td>
              <Table.Td>
                {(e.status === 'SUBMITTED' || e.status === 'BALANCED') && (
                  <Anchor component={Link} to={`/balance/${e.estimateId}`} aria-label={t('prov.cockpit.balanceFor', { unit: e.unitName })}>
                    {t('prov.cockpit.balance')}
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
