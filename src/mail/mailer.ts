/**
 * The mail layer: the one way Essaim sends an e-mail (alerts, newsletter, follow-up of submissions,
 * professionals' space). With `ESSAIM_SMTP_URL` it sends through SMTP (nodemailer); without it — the
 * offline default — each message is written as an `.eml` file in the outbox folder, so that
 * `npm start` works on a fresh machine and a maintainer can open what would have been sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { UsageError } from '../content/problems.js';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain-text part: always present (readers without HTML, screen readers, spam filters). */
  text: string;
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
}

export interface MailConfig {
  /** `smtp://user:password@host:port` or `smtps://…`; undefined: write `.eml` files to `outboxDir`. */
  smtpUrl?: string;
  /** Sender, e.g. `Essaim <ne-pas-repondre@essaim.example.org>`. */
  from: string;
  /** Folder of the offline outbox. */
  outboxDir: string;
}

export interface Mailer {
  /** Sends one message; resolves with its Message-ID once the SMTP server (or the outbox) has it. */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_FROM = 'Essaim <ne-pas-repondre@essaim.localhost>';

/** Mail settings from the environment; `dataDir` is the service's data folder (the outbox goes in it). */
export function mailConfigFrom(env: Env, dataDir: string): MailConfig {
  const smtpUrl = env.ESSAIM_SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new UsageError(
      `ESSAIM_SMTP_URL doit commencer par smtp:// ou smtps:// (par exemple smtp://utilisateur:mot-de-passe@smtp.example.org:587).`,
    );
  return {
    ...(smtpUrl ? { smtpUrl } : {}),
    from: env.ESSAIM_MAIL_FROM?.trim() || DEFAULT_FROM,
    outboxDir: path.resolve(env.ESSAIM_MAIL_DIR?.trim() || path.join(dataDir, 'courriels')),
  };
}

export function createMailer(config: MailConfig): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail({ from: config.from, ...message });
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...message });
      fs.mkdirSync(config.outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`;
      fs.writeFileSync(path.join(config.outboxDir, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
