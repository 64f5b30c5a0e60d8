/**
 * Bounces Essaim is told about (`essaim rebonds`): delivery status notifications (RFC 3464, the
 * `multipart/report` a mail server sends back when it cannot deliver) saved as `.eml` files, or
 * a plain list of addresses, one a line. They are recorded in the mail queue's bounce table; see
 * `MailQueue.recordBounce` for when an address is suspended.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../content/problems.js';

export interface Bounce {
  email: string;
  /** A hard bounce (status 5.x.x, action `failed`); else a temporary one (4.x.x, `delayed`). */
  permanent: boolean;
  reason: string;
}

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

/** Headers (unfolded, names in lower case) and body of a message or a MIME part. */
function splitPart(raw: Buffer): Part {
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const body = end ? raw.subarray(end.index + end[0].length) : Buffer.alloc(0);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

const param = (value: string, name: string): string | undefined => {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
};

function decode(part: Part): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable')
    return Buffer.from(
      part.body
        .toString('latin1')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  return part.body;
}

/** The `message/delivery-status` part of a message, walking its multipart parts; undefined when none. */
function deliveryStatus(part: Part): string | undefined {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const mime = type.split(';')[0]!.trim().toLowerCase();
  if (mime === 'message/delivery-status' || mime === 'message/global-delivery-status')
    return decode(part).toString('utf8');
  const boundary = mime.startsWith('multipart/') ? param(type, 'boundary') : undefined;
  if (!boundary) return undefined;
  const body = part.body.toString('latin1');
  const delimiter = `--${boundary}`;
  const pieces = body.split(new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // Before the first delimiter: the preamble; after the closing one (`--boundary--`): the epilogue.
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    const found = deliveryStatus(splitPart(Buffer.from(piece.replace(/^[ \t]*\r?\n/, ''), 'latin1')));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The recipients a delivery status notification reports as failed (hard) or delayed (temporary);
 * undefined when the message is not one. Delivered, relayed and expanded recipients are left out.
 */
export function parseDsn(raw: Buffer): Bounce[] | undefined {
  const status = deliveryStatus(splitPart(raw));
  if (status === undefined) return undefined;
  const out: Bounce[] = [];
  // Per-message fields, then one group of fields per recipient, separated by blank lines.
  for (const group of status.split(/\r?\n[ \t]*\r?\n/)) {
    const fields = splitPart(Buffer.from(`${group.trim()}\n\n`, 'utf8')).headers;
    const recipient = fields.get('final-recipient') ?? fields.get('original-recipient');
    const action = (fields.get('action') ?? '').toLowerCase();
    if (!recipient || (action !== 'failed' && action !== 'delayed')) continue;
    const email = recipient.replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '');
    const code = fields.get('status') ?? '';
    const diagnostic = (fields.get('diagnostic-code') ?? '').replace(/^[^;]*;\s*/, '');
    out.push({
      email,
      permanent: action === 'failed' && !code.startsWith('4'),
      reason: [code, diagnostic].filter(Boolean).join(' ').slice(0, 500) || action,
    });
  }
  return out;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export interface BounceFile {
  file: string;
  bounces: Bounce[];
  /** Set when the file was not understood (an `.eml` that is not a delivery status notification). */
  ignored?: string;
}

/**
 * Reads the bounces of files and folders (their `.eml` files): a `.eml` is a delivery status
 * notification; any other file is a list, one address a line, optionally followed by a reason
 * (`#` starts a comment), each a hard bounce. A malformed address stops everything, with its line.
 */
export function readBounceFiles(paths: readonly string[], cwd: string): BounceFile[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`${p} : fichier ou dossier introuvable.`);
    }
    if (!stat.isDirectory()) files.push(full);
    else
      for (const name of fs.readdirSync(full).sort())
        if (name.toLowerCase().endsWith('.eml')) files.push(path.join(full, name));
  }
  return files.map((file) => {
    const shown = path.relative(cwd, file) || file;
    const raw = fs.readFileSync(file);
    if (file.toLowerCase().endsWith('.eml')) {
      const bounces = parseDsn(raw);
      return bounces
        ? { file: shown, bounces }
        : { file: shown, bounces: [], ignored: 'ce n’est pas un avis de non-remise (multipart/report, RFC 3464)' };
    }
    const bounces: Bounce[] = [];
    raw
      .toString('utf8')
      .split(/\r?\n/)
      .forEach((line, i) => {
        const [email = '', ...rest] = line.replace(/#.*/, '').trim().split(/\s+/);
        if (email === '') return;
        if (!EMAIL.test(email))
          throw new UsageError(
            `${shown}:${i + 1}  « ${email.slice(0, 80)} » n’est pas une adresse électronique : une adresse par ligne, suivie si besoin de la raison du rebond.`,
          );
        bounces.push({ email, permanent: true, reason: rest.join(' ').slice(0, 500) || `signalé dans ${shown}` });
      });
    return { file: shown, bounces };
  });
}
