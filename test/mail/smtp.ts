/** A real SMTP server for the mail tests (smtp-server), keeping what it receives parsed by mailparser. */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface TestSmtp {
  url: string;
  received: ParsedMail[];
  /** Resolves once `n` messages have arrived in all. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtp(
  options: Pick<SMTPServerOptions, 'onRcptTo'> & { onMessage?: (m: ParsedMail, index: number) => void } = {},
): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...(options.onRcptTo ? { onRcptTo: options.onRcptTo } : {}),
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          received.push(m);
          options.onMessage?.(m, received.length);
          for (const w of waiters.splice(0)) w();
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`${received.length} message(s) reçu(s) sur ${n} attendus`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const recipients = (messages: readonly ParsedMail[]): string[] =>
  messages.map((m) => (Array.isArray(m.to) ? m.to[0]?.text : m.to?.text) ?? '').sort();
