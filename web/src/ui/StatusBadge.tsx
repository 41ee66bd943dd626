import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EstimateStatus } from '../api/types';

const COLORS: Record<EstimateStatus | 'NONE', string> = {
  DRAFT: 'blue',
  SUBMITTED: 'violet',
  RETURNED: 'orange',
  BALANCED: 'teal',
  APPROVED: 'green',
  NONE: 'gray',
};

/** An estimate's status in words, coloured (the colour is never the only signal). */
export function StatusBadge({ status }: { status: EstimateStatus | 'NONE' }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" size="lg" radius="sm" data-testid="status">
      {t(`status.${status}`)}
    </Badge>
  );
}
