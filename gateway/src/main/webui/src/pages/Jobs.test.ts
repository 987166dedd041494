import { describe, expect, it } from 'vitest';
import { percent, stateColor } from './Jobs';

describe('job progress', () => {
  it('is a whole percentage, 0 without a total, never above 100', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(512, 1024)).toBe(50);
    expect(percent(1023, 1024)).toBe(99);
    expect(percent(2048, 1024)).toBe(100);
  });
  it('colours the states', () => {
    expect(stateColor('SUCCEEDED')).toBe('green');
    expect(stateColor('FAILED')).toBe('red');
    expect(stateColor('RUNNING')).toBe('blue');
  });
});
