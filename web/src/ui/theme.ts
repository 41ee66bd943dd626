import { createTheme, darken, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';

// Light variants (badges, the active navigation entry) write their text in the colour's darkest
// shade, darkened further, so that every colour — yellow included — stays above 4.5:1 (WCAG AA).
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const text = darken(input.theme.colors[parsed.color][9], 0.3);
  return { ...colors, color: text, hoverColor: text };
};

// Noto Sans first: it carries every Vietnamese glyph (Debian's fonts-noto-core). Shade 8 of the
// primary colour and gray.7 for dimmed text keep every text above 4.5:1 contrast (WCAG AA).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif',
  headings: { fontFamily: '"Noto Sans", "Segoe UI", Roboto, Arial, sans-serif' },
  defaultRadius: 'sm',
  variantColorResolver,
});

export const cssVariables: CSSVariablesResolver = (t) => ({
  variables: {},
  // Field errors (text and the field's own text) in red.9: Mantine's red.6 is below 4.5:1 on white.
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': t.colors.red[9] },
  dark: {},
});
