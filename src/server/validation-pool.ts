/**
 * Validation with a time budget: the core's validation of a submission runs in a small pool of
 * worker threads, so the event loop that answers every other request never runs it. A thread that
 * takes longer than the budget is terminated and replaced, and its submission refused in French.
 */
import { Worker } from 'node:worker_threads';
import type { EntryJob, FieldProblem } from './submission.js';
import { SubmissionError } from './submission.js';

export type ThreadReply =
  | { ok: true; entry: { path: string; content: string; title: string; diff: string } }
  | { ok: false; status: number; message: string; problemes: FieldProblem[] };

export interface ValidationPoolOptions {
  repoDir: string;
  /** Threads (each one validates one submission at a time). */
  size: number;
  /** Longest validation of one submission (ms) before its thread is terminated. */
  timeoutMs: number;
  /** Submissions waiting for a thread before the service answers 503. */
  maxQueue: number;
  /** The thread's entry point (tests replace it). */
  entry?: URL;
}

interface Task {
  job: EntryJob;
  resolve(reply: ThreadReply): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

const ENTRY = new URL('./validation-thread.mjs', import.meta.url);

/** The data is bounded before it gets here (depth, sizes): what can take too long is the text. */
function refused(job: EntryJob, message: string): SubmissionError {
  return new SubmissionError(422, message, job.texte.trim() !== '' ? [{ champ: 'texte', message }] : []);
}

export class ValidationPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;

  constructor(private readonly o: ValidationPoolOptions) {
    for (let i = 0; i < o.size; i++) this.slots.push(this.spawn());
  }

  /** Validates one submission in a thread; rejects with a French `SubmissionError` when it cannot. */
  run(job: EntryJob): Promise<ThreadReply> {
    if (this.closed)
      return Promise.reject(
        new SubmissionError(503, 'Le service s’arrête : renvoyez votre proposition dans un moment.'),
      );
    if (this.queue.length >= this.o.maxQueue) {
      return Promise.reject(
        new SubmissionError(
          503,
          'Le service reçoit trop de propositions en même temps : renvoyez la vôtre dans une minute.',
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0))
      t.reject(new SubmissionError(503, 'Le service s’arrête : renvoyez votre proposition dans un moment.'));
    await Promise.all(
      this.slots.map((s) => {
        if (s.timer) clearTimeout(s.timer);
        s.task?.reject(new SubmissionError(503, 'Le service s’arrête : renvoyez votre proposition dans un moment.'));
        return s.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    // No inherited `execArgv`: the entry point loads tsx itself, under any runner.
    const worker = new Worker(this.o.entry ?? ENTRY, {
      workerData: { repoDir: this.o.repoDir },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (m: ThreadReply | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true;
      } else {
        const task = this.finish(slot);
        task?.resolve(m);
      }
      this.dispatch();
    });
    // Crashed or out of memory (its limit is low on purpose) on this submission: it is refused, and
    // on exit (also after a time-out) a fresh thread takes its place.
    const crashed = (): void => {
      const task = this.finish(slot);
      if (task)
        task.reject(
          refused(
            task.job,
            'La vérification de la proposition a échoué : elle est sans doute trop volumineuse ou trop imbriquée. Simplifiez-la, puis renvoyez-la.',
          ),
        );
    };
    worker.on('error', crashed);
    worker.on('exit', () => {
      crashed();
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed) {
        this.slots[i] = this.spawn();
      }
    });
    return slot;
  }

  private finish(slot: Slot): Task | undefined {
    const task = slot.task;
    slot.task = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    return task;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        const stuck = this.finish(slot);
        if (stuck)
          stuck.reject(
            refused(
              stuck.job,
              `La vérification de la proposition a dépassé le temps permis (${this.o.timeoutMs / 1000} s) : le texte est sans doute trop long ou trop imbriqué. Simplifiez-le, puis renvoyez la proposition.`,
            ),
          );
        void slot.worker.terminate();
      }, this.o.timeoutMs);
      slot.worker.postMessage(task.job);
    }
  }
}
