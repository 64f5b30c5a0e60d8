/**
 * Protections of the submission endpoint besides the rate limit (@fastify/rate-limit, in app.ts):
 * origin check and the self-hosted proof-of-work (ALTCHA), which cannot be replayed.
 */
import crypto from 'node:crypto';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Outbox } from './store.js';

/** True when `origin` is the service's own origin or one of the allowed ones. */
export function originAllowed(origin: string, ownOrigin: string, allowed: readonly string[]): boolean {
  return origin === ownOrigin || allowed.includes(origin);
}

const CHALLENGE_TTL_S = 10 * 60;

export class ProofOfWork {
  private readonly keySecret: string;
  constructor(
    private readonly secret: string,
    private readonly maxCounter: number,
    private readonly outbox: Outbox,
  ) {
    this.keySecret = crypto.createHmac('sha256', secret).update('essaim-altcha-key').digest('hex');
  }

  /** A new challenge: the browser must find a counter (at most `maxCounter` hashes). */
  async challenge(): Promise<Challenge> {
    const min = Math.floor(this.maxCounter / 2);
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: min + crypto.randomInt(0, this.maxCounter - min + 1),
      deriveKey,
      expiresAt: Math.floor(Date.now() / 1000) + CHALLENGE_TTL_S,
      hmacSignatureSecret: this.secret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  /** Verifies a solution and records it as used; returns a French reason when refused. */
  async verify(payload: unknown): Promise<string | undefined> {
    if (typeof payload !== 'object' || payload === null)
      return 'La preuve de travail anti-robot est manquante : rechargez la page et renvoyez le formulaire.';
    const { challenge, solution } = payload as { challenge?: Challenge; solution?: Solution };
    if (
      !challenge ||
      typeof challenge !== 'object' ||
      !solution ||
      typeof solution !== 'object' ||
      typeof challenge.signature !== 'string'
    ) {
      return 'La preuve de travail anti-robot est incomplète : rechargez la page et renvoyez le formulaire.';
    }
    let ok = false;
    let expired = false;
    try {
      const r = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.secret,
        hmacKeySignatureSecret: this.keySecret,
      });
      ok = r.verified;
      expired = r.expired;
    } catch {
      ok = false;
    }
    if (expired) return 'La preuve de travail anti-robot a expiré : rechargez la page et renvoyez le formulaire.';
    if (!ok) return 'La preuve de travail anti-robot est invalide : rechargez la page et renvoyez le formulaire.';
    const expiresAt = (challenge.parameters.expiresAt ?? Math.floor(Date.now() / 1000) + CHALLENGE_TTL_S) * 1000;
    if (!this.outbox.usePow(challenge.signature, expiresAt))
      return 'Cette preuve de travail anti-robot a déjà servi : rechargez la page pour en obtenir une nouvelle.';
    return undefined;
  }
}
