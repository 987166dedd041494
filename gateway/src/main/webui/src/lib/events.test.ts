import { describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { mergeEvents, queryKeysFor, throttledInvalidator } from './events';

describe('queryKeysFor', () => {
  it('maps each service’s events to the queries they make stale', () => {
    expect(queryKeysFor('dev.modelmanager.weights.install.progressed')).toContainEqual(['installs']);
    expect(queryKeysFor('dev.modelmanager.catalog.entry.added')).toEqual([['catalog']]);
    expect(queryKeysFor('dev.modelmanager.deploy.revision.ready')).toContainEqual(['deployments']);
    expect(queryKeysFor('something.else')).toEqual([]);
  });
});

describe('throttledInvalidator', () => {
  it('turns a burst of progress events into one invalidation per key', async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    const invalidate = throttledInvalidator(client, 300);
    for (let i = 0; i < 20; i++) invalidate([['installs'], ['weights']]);
    expect(spy).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(spy).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});

describe('mergeEvents', () => {
  it('keeps live events first and adds older ones from the log once', () => {
    const e = (id: string) => ({ id, type: 't' });
    expect(mergeEvents([e('3'), e('2')], [e('2'), e('1')]).map((x) => x.id)).toEqual(['3', '2', '1']);
  });
});
