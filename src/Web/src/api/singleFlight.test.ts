import { describe, expect, it } from 'vitest';
import { singleFlight } from './singleFlight';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('singleFlight', () => {
  it('shares one in-flight call between concurrent callers', async () => {
    let calls = 0;
    const d = deferred<string>();
    const f = singleFlight(() => { calls++; return d.promise; });
    const a = f(); const b = f(); const c = f();
    expect(calls).toBe(1);
    d.resolve('token');
    expect(await Promise.all([a, b, c])).toEqual(['token', 'token', 'token']);
  });
  it('starts a fresh call after the previous one settled', async () => {
    let calls = 0;
    const f = singleFlight(async () => ++calls);
    expect(await f()).toBe(1);
    expect(await f()).toBe(2);
  });
  it('shares a failure and recovers afterwards', async () => {
    let calls = 0;
    const d = deferred<number>();
    const f = singleFlight(() => { calls++; return calls === 1 ? d.promise : Promise.resolve(7); });
    const a = f(); const b = f();
    d.reject(new Error('refresh failed'));
    await expect(a).rejects.toThrow('refresh failed');
    await expect(b).rejects.toThrow('refresh failed');
    expect(await f()).toBe(7);
    expect(calls).toBe(2);
  });
});
