/**
 * Keeping the restricted part current: every six months after its last confirmation, the managers of
 * a structure receive one e-mail asking them to confirm or correct it (signing in on the actor's page).
 * Data left unconfirmed is shown with its age, and hidden from readers after a year (routes.ts).
 */
import type Database from 'better-sqlite3';
import type { Mailer } from '../../mail/mailer.js';
import { ProStore } from './store.js';

export const REMIND_AFTER_MS = 182 * 24 * 3600 * 1000;

export async function sendReminders(
  db: Database.Database,
  mailer: Mailer,
  publicUrl: string,
  now: number,
): Promise<{ actors: number; messages: number }> {
  const store = new ProStore(db);
  let messages = 0;
  const due = store.dueReminders(now - REMIND_AFTER_MS);
  for (const { actorId, emails } of due) {
    const page = `${publicUrl.replace(/\/+$/, '')}/acteurs/${actorId}`;
    for (const to of emails) {
      await mailer.send({
        to,
        subject: 'Essaim : vos informations réservées aux professionnels sont-elles à jour ?',
        text: [
          'Bonjour,',
          '',
          'Les informations de votre structure réservées aux professionnels sur le portail Essaim (contacts,',
          'horaires pour les partenaires, capacités, besoins) n’ont pas été confirmées depuis six mois.',
          '',
          `Connectez-vous sur ${page} pour les confirmer ou les corriger.`,
          'Sans confirmation, elles seront masquées aux lecteurs un an après la dernière.',
          '',
          'L’équipe du portail Essaim',
        ].join('\n'),
      });
      messages++;
    }
    store.markReminded(actorId, now);
  }
  return { actors: due.length, messages };
}
