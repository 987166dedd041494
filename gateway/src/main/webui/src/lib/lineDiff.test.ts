import { describe, expect, it } from 'vitest';
import { canonicalJson, unifiedDiff } from './lineDiff';

describe('unifiedDiff', () => {
  it('writes hunks as diff -u does, with three lines of context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h', 'i', 'j', 'k'].join('\n') + '\n';
    // The same as GNU `diff -u` of these two files: changes 6 lines apart share one hunk.
    expect(unifiedDiff(before, after, 'revision 1', 'revision 2')).toBe(
      ['--- revision 1', '+++ revision 2', '@@ -1,10 +1,11 @@', ' a', ' b', ' c', '-d', '+D', ' e', ' f', ' g', ' h', ' i', ' j', '+k', ''].join('\n'),
    );
    // Farther apart, two hunks (diff -u of 1..20 with 2 and 19 changed).
    const n = Array.from({ length: 20 }, (_, k) => String(k + 1));
    const m = n.map((l) => (l === '2' || l === '19' ? l + 'x' : l));
    expect(unifiedDiff(n.join('\n'), m.join('\n'), 'a', 'b').split('\n').filter((l) => l.startsWith('@@'))).toEqual([
      '@@ -1,5 +1,5 @@',
      '@@ -16,5 +16,5 @@',
    ]);
  });

  it('is empty when nothing changes and counts from 0 for an empty side', () => {
    expect(unifiedDiff('x\ny\n', 'x\ny\n', 'a', 'b')).toBe('');
    expect(unifiedDiff('', 'x\n', 'a', 'b')).toBe('--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level so key order makes no diff', () => {
    const a = canonicalJson({ spec: { b: 1, a: [{ y: 1, x: 2 }] }, kind: 'K' });
    const b = canonicalJson({ kind: 'K', spec: { a: [{ x: 2, y: 1 }], b: 1 } });
    expect(a).toBe(b);
    expect(a.split('\n')[1]).toBe('  "kind": "K",');
  });
});
