// The province's screens (DIC, DOF/DPI, the chair) come in part 2; until then a plain landing page.
import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function ProvinceHome() {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={2}>{t('nav.province')}</Title>
      <Alert>{t('work.provinceIntro')}</Alert>
    </Stack>
  );
}
