import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

/** An error in words, with a retry button when the caller can retry. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="red" role="alert" title={errorText(error, t, i18n.language)}>
      {onRetry && (
        <Button size="xs" variant="light" color="red" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
