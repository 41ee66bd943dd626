// What the province's line-by-line screens of one estimate share (DIC's review, DOF/DPI's
// balancing): the estimate and the names its lines need, the heading with the status, the save
// state of an action, refreshing after it, and returning the estimate with a comment.
import { Anchor, Group, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { Estimate } from '../../api/types';
import { useSession } from '../../app/session';
import { StatusBadge } from '../../ui/StatusBadge';
import { useCatalog, useEstimate } from '../estimates/queries';
import { yearKeys } from './queries';
import { ReturnDialog } from './ReturnDialog';

/** The estimate of the route, the funding source's name for a code, the unit's name, and a refresh after an action. */
export function useEstimateScreen(id: string | undefined) {
  const { i18n } = useTranslation();
  const { year } = useSession();
  const queryClient = useQueryClient();
  const estimate = useEstimate(id);
  const catalog = useCatalog();
  const en = i18n.language === 'en';
  const sourceName = (code: string) => {
    const source = catalog.data?.fundingSources.find((f) => f.code === code);
    return source ? (en ? source.nameEn : source.name) : code;
  };
  const unitName = (e: Estimate) => (en ? e.unit.nameEn : e.unit.name);
  /** The estimate and every year-wide figure the province's screens read. */
  const refresh = async (estimateId: string) => {
    await queryClient.invalidateQueries({ queryKey: ['estimate', estimateId] });
    await queryClient.invalidateQueries({ queryKey: yearKeys(year) });
  };
  return { estimate, sourceName, unitName, refresh };
}

/** busy / error / saved around one action at a time: `run` clears the error, marks saved on success. */
export function useSaveState() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await action();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, saved, setSaved, setError, run };
}

/** The link back, the screen's title and the estimate's status. */
export function EstimateHeading({ back, title, status }: { back: ReactNode; title: ReactNode; status: Estimate['status'] }) {
  return (
    <>
      <Anchor component={Link} to="/" size="sm">
        ← {back}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        <StatusBadge status={status} />
      </Group>
    </>
  );
}

/** "Return the estimate" with a required comment: back to the unit, which sees the comment. */
export function ReturnEstimateDialog({ estimate, unitName, opened, onClose, onReturned }: { estimate: Estimate; unitName: string; opened: boolean; onClose: () => void; onReturned: () => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <ReturnDialog
      opened={opened}
      onClose={onClose}
      title={t('prov.returnEstimateTitle', { unit: unitName })}
      intro={t('prov.returnEstimateIntro')}
      onReturn={async (comment) => {
        await ok(api.POST('/estimates/{id}/return', { params: { path: { id: estimate.id } }, body: { version: estimate.version, comment } }));
        await onReturned();
      }}
    />
  );
}
