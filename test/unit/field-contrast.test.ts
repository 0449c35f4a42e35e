// Form fields are filled with the page's colour, so their border is all that shows where they are: it must reach
// 3:1 against every background a field sits on, in both themes of both style sheets (WCAG 1.4.11, non-text contrast).
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

/** The custom properties of the light theme (:root) and the dark one (the prefers-color-scheme block). */
function themes(file: string): Record<string, string>[] {
  const css = readFileSync(file, 'utf8');
  const dark = css.indexOf('@media (prefers-color-scheme: dark)');
  const read = (text: string) =>
    Object.fromEntries([...text.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
  const light = read(css.slice(0, dark));
  return [light, { ...light, ...read(css.slice(dark, css.indexOf('}\n}', dark))) }];
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

test('form fields have a border of at least 3:1 against the backgrounds they sit on, in both themes', () => {
  for (const [file, fieldsFile, backgrounds] of [
    ['public/css/app.css', 'public/css/parts.css', ['bg', 'surface']],
    ['public/emulator/emulator.css', 'public/emulator/emulator.css', ['bg', 'card']],
  ] as const) {
    const css = readFileSync(fieldsFile, 'utf8');
    const fieldRule = css.slice(
      css.indexOf("input[type='text'],"),
      css.indexOf('}', css.indexOf("input[type='text'],")),
    );
    assert.match(fieldRule, /border: 1px solid var\(--field-border\)/, fieldsFile);
    for (const theme of themes(file)) {
      for (const background of backgrounds) {
        const ratio = contrast(theme['field-border'], theme[background]);
        assert.ok(ratio >= 3, `${file}: --field-border on --${background} is ${ratio.toFixed(2)}:1`);
      }
    }
  }
});
