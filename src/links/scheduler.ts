/**
 * Runs tasks under a global concurrency cap, a per-host cap and a minimum interval between two
 * starts on the same host. A task waiting for a busy host never blocks tasks for other hosts.
 */
import { performance } from 'node:perf_hooks';

interface Pending {
  host: string;
  start: () => void;
}

export interface SchedulerLimits {
  concurrency: number;
  perHost: number;
  minIntervalMs: number;
}

export class HostScheduler {
  private readonly queue: Pending[] = [];
  private active = 0;
  private readonly activeByHost = new Map<string, number>();
  private readonly nextStartByHost = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** Highest number of simultaneous tasks seen per host. */
  readonly peakPerHost = new Map<string, number>();

  constructor(private readonly limits: SchedulerLimits) {
    if (!(limits.concurrency >= 1 && limits.perHost >= 1 && limits.minIntervalMs >= 0)) {
      throw new RangeError(
        'Limites invalides : concurrency et perHost doivent valoir au moins 1, minIntervalMs au moins 0.',
      );
    }
  }

  /** Runs `task` as soon as the limits allow it for `host`. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        host,
        start: () => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => this.release(host));
        },
      });
      this.pump();
    });
  }

  /** Holds back new starts on `host` for `ms` (e.g. after a 429 with Retry-After). */
  delayHost(host: string, ms: number): void {
    const at = performance.now() + ms;
    if (at > (this.nextStartByHost.get(host) ?? 0)) this.nextStartByHost.set(host, at);
  }

  private release(host: string): void {
    this.active--;
    this.activeByHost.set(host, (this.activeByHost.get(host) ?? 1) - 1);
    this.pump();
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    let wakeAt = Infinity;
    for (let i = 0; i < this.queue.length && this.active < this.limits.concurrency;) {
      const item = this.queue[i]!;
      const running = this.activeByHost.get(item.host) ?? 0;
      const notBefore = this.nextStartByHost.get(item.host) ?? 0;
      const now = performance.now();
      if (running >= this.limits.perHost) {
        i++;
      } else if (now < notBefore) {
        wakeAt = Math.min(wakeAt, notBefore);
        i++;
      } else {
        this.queue.splice(i, 1);
        this.active++;
        this.activeByHost.set(item.host, running + 1);
        this.peakPerHost.set(item.host, Math.max(this.peakPerHost.get(item.host) ?? 0, running + 1));
        this.nextStartByHost.set(item.host, now + this.limits.minIntervalMs);
        item.start();
      }
    }
    if (wakeAt !== Infinity && this.active < this.limits.concurrency) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(wakeAt - performance.now())));
    }
  }
}
