import { afterEach, describe, expect, it } from 'vitest';
import { SubmissionError, type EntryJob } from '../../src/server/submission.js';
import { ValidationPool } from '../../src/server/validation-pool.js';

const job = (texte: string, entryId = 'a'): EntryJob => ({
  collection: 'news',
  donnees: {},
  texte,
  entryId,
  today: '2026-01-01',
});
let pool: ValidationPool | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('fils de validation', () => {
  it('un fil bloqué est arrêté à son délai et remplacé ; les autres propositions sont traitées', async () => {
    pool = new ValidationPool({
      repoDir: '.',
      size: 1,
      timeoutMs: 300,
      maxQueue: 10,
      entry: new URL('./stuck-thread.mjs', import.meta.url),
    });
    const stuck = pool.run(job('boucle')).catch((e: unknown) => e);
    // Queued behind the stuck one, on the only thread: answered by its replacement.
    const after = pool.run(job('texte normal', 'b'));
    const error = await stuck;
    expect(error).toBeInstanceOf(SubmissionError);
    expect((error as SubmissionError).status).toBe(422);
    expect((error as SubmissionError).problemes).toMatchInlineSnapshot(`
      [
        {
          "champ": "texte",
          "message": "La vérification de la proposition a dépassé le temps permis (0.3 s) : le texte est sans doute trop long ou trop imbriqué. Simplifiez-le, puis renvoyez la proposition.",
        },
      ]
    `);
    expect(await after).toEqual({
      ok: true,
      entry: { path: 'content/news/b.md', content: 'texte normal', title: 'b' },
    });
  });

  it('au-delà de la file d’attente : 503 en français', async () => {
    pool = new ValidationPool({
      repoDir: '.',
      size: 1,
      timeoutMs: 5000,
      maxQueue: 1,
      entry: new URL('./stuck-thread.mjs', import.meta.url),
    });
    const first = pool.run(job('boucle')).catch(() => undefined);
    const second = pool.run(job('x')).catch(() => undefined);
    const third = await pool.run(job('y')).catch((e: unknown) => e);
    expect(third).toBeInstanceOf(SubmissionError);
    expect((third as SubmissionError).status).toBe(503);
    expect((third as SubmissionError).message).toMatchInlineSnapshot(
      `"Le service reçoit trop de propositions en même temps : renvoyez la vôtre dans une minute."`,
    );
    await pool.close();
    await Promise.all([first, second]);
  });
});
