// "Return with a comment": one dialog for DIC and DOF/DPI (an estimate) and the chair (the budget).
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** Asks for the required comment, then calls `onReturn(comment)`; shows the API's refusal in words. */
export function ReturnDialog({ opened, onClose, title, intro, onReturn }: {
  opened: boolean;
  onClose: () => void;
  title: string;
  intro: string;
  onReturn: (comment: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const empty = comment.trim() === '';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text size="sm">{intro}</Text>
        <Textarea
          label={t('prov.returnComment')}
          required
          autosize
          minRows={3}
          value={comment}
          onChange={(ev) => setComment(ev.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={touched && empty ? t('prov.commentRequired') : undefined}
        />
        {error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red.9"
            loading={busy}
            onClick={() => void (async () => {
              setTouched(true);
              if (empty) return;
              setBusy(true);
              setError(null);
              try {
                await onReturn(comment.trim());
                onClose();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            })()}
          >
            {t('prov.returnConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
