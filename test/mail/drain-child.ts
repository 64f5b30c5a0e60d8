// Sends the mail queue of a data folder (argv: data folder, SMTP address), as `essaim lettre --envoyer` does.
import { createMailer, mailConfigFrom } from '../../src/mail/mailer.js';
import { MailQueue } from '../../src/mail/queue.js';
import { Outbox } from '../../src/server/store.js';

const [dataDir = '', smtpUrl = ''] = process.argv.slice(2);
const outbox = new Outbox(dataDir);
const mailer = createMailer(mailConfigFrom({ ESSAIM_SMTP_URL: smtpUrl }, dataDir));
await new MailQueue(outbox.db).drain(mailer, { perSecond: 1000 });
mailer.close();
outbox.close();
