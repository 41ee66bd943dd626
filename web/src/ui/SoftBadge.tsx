import { useTranslation } from 'react-i18next';
import { Badge, type BadgeProps } from '@mantine/core';

/** A light badge in the colour's tint with black text, so it reads at AA contrast (the words carry the meaning, the colour only helps). */
export function SoftBadge({ color = 'gray', children, ...rest }: BadgeProps & { children: React.ReactNode }) {
  return (
    <Badge color={color} variant="light" styles={{ root: { color: "var(--mantine-color-black)" }, label: { color: "var(--mantine-color-black)" } }} {...rest}>
      {children}
    </Badge>
  );
}

const STATUS_COLORS: Record<string, string> = { DRAFT: 'blue', SUBMITTED: 'violet', RETURNED: 'orange', BALANCED: 'teal', APPROVED: 'green', NONE: 'gray' };

/** An estimate's status in a table row (striped or hovered rows keep the text readable). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <SoftBadge color={STATUS_COLORS[status] ?? 'gray'}>{t(`status.${status}`)}</SoftBadge>;
}
