import { describe, expect, it } from 'vitest';
import { formatCount, formatParams, splitList } from './format';

describe('formatParams', () => {
  it('scales to B, M and K', () => {
    expect(formatParams(7_615_616_512)).toBe('7.6 B');
    expect(formatParams(494_032_768)).toBe('494 M');
    expect(formatParams(223_552)).toBe('224 K');
    expect(formatParams(512)).toBe('512');
  });

  it('shows a dash when the count is unknown', () => {
    expect(formatParams(undefined)).toBe('—');
    expect(formatParams(null)).toBe('—');
    expect(formatParams(0)).toBe('—');
  });
});

describe('formatCount', () => {
  it('keeps big numbers short and small ones to one decimal', () => {
    expect(formatCount(351951.54)).toBe('352K');
    expect(formatCount(1_250_000)).toBe('1.3M');
    expect(formatCount(12.25)).toBe('12.3');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(undefined)).toBe('—');
  });
});

describe('splitList', () => {
  it('splits on commas and newlines and drops blanks', () => {
    expect(splitList(' a.*, b.c\n\n*,')).toEqual(['a.*', 'b.c', '*']);
  });
});
