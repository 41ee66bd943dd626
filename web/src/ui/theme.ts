import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Noto Sans first: it carries every Vietnamese glyph (Debian's fonts-noto-core). Shade 8 of the
// primary colour and gray.7 for dimmed text keep every text above 4.5:1 contrast (WCAG AA).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif',
  headings: { fontFamily: '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif' },
  defaultRadius: 'sm',
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] },
  dark: {},
});
