import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { HostScheduler } from '../../src/links/scheduler.js';

describe('HostScheduler', () => {
  it('respects the global and per-host caps', async () => {
    const scheduler = new HostScheduler({ concurrency: 3, perHost: 2, minIntervalMs: 0 });
    let running = 0;
    let peak = 0;
    const byHost = new Map<string, number>();
    const hostPeak = new Map<string, number>();
    const task = (host: string) => async () => {
      running++;
      peak = Math.max(peak, running);
      byHost.set(host, (byHost.get(host) ?? 0) + 1);
      hostPeak.set(host, Math.max(hostPeak.get(host) ?? 0, byHost.get(host)!));
      await sleep(5);
      running--;
      byHost.set(host, byHost.get(host)! - 1);
      return host;
    };
    const hosts = Array.from({ length: 30 }, (_, i) => (i < 20 ? 'h0' : `h${(i % 3) + 1}`));
    expect(await Promise.all(hosts.map((h) => scheduler.run(h, task(h))))).toEqual(hosts);
    expect(peak).toBe(3);
    expect(Math.max(...hostPeak.values())).toBe(2);
    expect(Object.fromEntries(scheduler.peakPerHost)).toEqual(Object.fromEntries(hostPeak));
  });

  it('does not let a busy host hold back the others', async () => {
    const scheduler = new HostScheduler({ concurrency: 2, perHost: 1, minIntervalMs: 0 });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const blocked = scheduler.run('lent', () => new Promise<void>((resolve) => (release = resolve)));
    const queued = scheduler.run('lent', async () => void order.push('lent 2'));
    const other = scheduler.run('rapide', async () => void order.push('rapide'));
    await other;
    expect(order).toEqual(['rapide']);
    release();
    await Promise.all([blocked, queued]);
    expect(order).toEqual(['rapide', 'lent 2']);
  });

  it('propagates task failures and frees the slot', async () => {
    const scheduler = new HostScheduler({ concurrency: 1, perHost: 1, minIntervalMs: 0 });
    await expect(scheduler.run('h', async () => Promise.reject(new Error('raté')))).rejects.toThrow('raté');
    expect(await scheduler.run('h', async () => 'ensuite')).toBe('ensuite');
  });
});
