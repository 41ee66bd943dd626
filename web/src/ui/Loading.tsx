import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner with a name, for screen readers too. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <Center p="xl" role="status" aria-label={t('common.loading')}>
      <Loader size="md" />
    </Center>
  );
}
