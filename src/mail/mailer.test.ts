import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, mailConfigFrom } from './mailer.js';

const message = {
  to: 'benevole@example.org',
  subject: 'Nouvel appel à projets dans l’Hérault',
  text: 'Bonjour,\nun appel ferme le 31 mars.',
  html: '<p>Bonjour,</p><p>un appel ferme le 31 mars.</p>',
  headers: { 'List-Unsubscribe': '<https://essaim.example.org/api/alertes/desinscription?t=abc>' },
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('mail layer', () => {
  it('writes each message as an .eml file in the outbox when no SMTP server is configured', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-mail-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const config = mailConfigFrom({}, dataDir);
    expect(config.outboxDir).toBe(path.join(dataDir, 'courriels'));
    const mailer = createMailer(config);
    const { messageId } = await mailer.send(message);
    const files = fs.readdirSync(config.outboxDir);
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(fs.readFileSync(path.join(config.outboxDir, files[0]!)));
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain('desinscription');
  });

  it('sends through the SMTP server given by ESSAIM_SMTP_URL', async () => {
    const received: Buffer[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.server.address() as { port: number };
    const mailer = createMailer(mailConfigFrom({ ESSAIM_SMTP_URL: `smtp://127.0.0.1:${port}` }, os.tmpdir()));
    cleanups.push(() => mailer.close());
    await mailer.send(message);
    expect(received).toHaveLength(1);
    const parsed = await simpleParser(received[0]!);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.text).toContain('ne-pas-repondre@essaim.localhost');
    expect(parsed.html).toContain('<p>Bonjour,</p>');
  });

  it('refuses an SMTP address that is not one', () => {
    expect(() => mailConfigFrom({ ESSAIM_SMTP_URL: 'mail.example.org' }, '/tmp')).toThrowErrorMatchingInlineSnapshot(
      `[UsageError: ESSAIM_SMTP_URL doit commencer par smtp:// ou smtps:// (par exemple smtp://utilisateur:mot-de-passe@smtp.example.org:587).]`,
    );
  });
});
