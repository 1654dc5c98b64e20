/**
 * The tenant's brand in an e-mail: its primary colour and logo, checked before they reach the HTML.
 * Only a hex colour passes (nothing else can break out of a style attribute), and text on it is white
 * only where white reaches WCAG's 4.5:1, else black.
 */

export const DEFAULT_PRIMARY = '#0b57d0';
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb` or `#rrggbb`, lower-cased and in six digits; anything else is the default blue. */
export function safeColor(value: string | null | undefined): string {
  const color = value?.trim() ?? '';
  if (!HEX.test(color)) return DEFAULT_PRIMARY;
  const hex = color.length === 4 ? [...color.slice(1)].map((c) => c + c).join('') : color.slice(1);
  return `#${hex.toLowerCase()}`;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** White on the colour if that is readable (≥ 4.5:1), else black (which then always is). */
export const textOn = (background: string): string => (contrast('#ffffff', background) >= 4.5 ? '#ffffff' : '#000000');

/** An `https:` logo URL, else none (a `javascript:` or plain-http logo never reaches the e-mail). */
export function safeLogoUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
