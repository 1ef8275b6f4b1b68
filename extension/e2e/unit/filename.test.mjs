// node --test extension/e2e/unit/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeFileName } from '../../shared/filename.js';

test('keeps non-Latin titles', () => {
  assert.equal(safeFileName('【稳中求进@高质量发展】让发展“引擎”更强劲', 'md'),
    '【稳中求进@高质量发展】让发展“引擎”更强劲.md');
  assert.equal(safeFileName('مرحبا بالعالم', 'json'), 'مرحبا بالعالم.json');
});

test('replaces characters forbidden on some OS', () => {
  assert.equal(safeFileName('a/b\\c:d*e?f"g<h>i|j', 'md'), 'a b c d e f g h i j.md');
  assert.equal(safeFileName('x\u202eevil\u0000', 'md'), 'x evil.md');
});

test('reserved and empty names', () => {
  assert.equal(safeFileName('CON', 'md'), '_CON.md');
  assert.equal(safeFileName('  ...  ', 'md'), 'article.md');
  assert.equal(safeFileName(null, 'json'), 'article.json');
  assert.equal(safeFileName('Title. ', 'md'), 'Title.md');
});

test('long titles are cut on a character boundary', () => {
  const name = safeFileName('汉'.repeat(200), 'md');
  assert.ok(new TextEncoder().encode(name).length <= 153);
  assert.ok(name.endsWith('汉.md'));
});
