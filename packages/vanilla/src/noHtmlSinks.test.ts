// The package sets text, never HTML: no source file may use an HTML-parsing DOM sink.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceDir = fileURLToPath(new URL('.', import.meta.url));
const HTML_SINKS =
  /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/;

describe('no HTML sinks', () => {
  const files = readdirSync(sourceDir).filter(
    (name) => /\.tsx?$/.test(name) && name !== basename(fileURLToPath(import.meta.url)),
  );

  it('finds the source files', () => {
    expect(files).toContain('bindText.ts');
  });

  it.each(files)('%s uses no HTML sink', (name) => {
    expect(readFileSync(join(sourceDir, name), 'utf8')).not.toMatch(HTML_SINKS);
  });
});
