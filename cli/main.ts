/**
 * The `essaim` command line. Each command lives in `commands/<name>.ts`, loaded only when used.
 * This is the one place that turns outcomes and errors into exit codes:
 * 0 ok, 1 content problems, 2 usage or internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { allCollections } from '../src/content/collections.js';
import { UsageError } from '../src/content/problems.js';
import type { LettreOptions } from './commands/lettre.js';
import { processIo, type ExitCode, type Io } from './io.js';
import { commanderErrorFr } from './report.js';
import type { DiffOptions } from './commands/diff.js';
import type { FormatOptions } from './commands/format.js';
import type { LinksOptions } from './commands/links.js';
import type { NewOptions } from './commands/new.js';
import type { ProposeOptions } from './commands/propose.js';
import type { RebondsOptions } from './commands/rebonds.js';
import type { SauvegardeOptions } from './commands/sauvegarde.js';
import type { StaleOptions } from './commands/stale.js';
import type { ValidateOptions } from './commands/validate.js';

const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options générales :',
};

/** `a, b ou c` */
const orList = (words: readonly string[]): string => `${words.slice(0, -1).join(', ')} ou ${words.at(-1) ?? ''}`;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function program(io: Io, run: (action: () => Promise<ExitCode>) => Promise<void>): Command {
  const cmd = new Command('essaim')
    .description(
      'Essaim — créer, vérifier et proposer des contenus pour le portail de la lutte contre la précarité alimentaire',
    )
    .exitOverride()
    .usage('[options] <commande>')
    .configureHelp({ styleTitle: (title) => HELP_TITLES[title] ?? title })
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(commanderErrorFr(s)),
    })
    .showHelpAfterError('(essaim --help pour l’aide)');
  cmd.helpCommand('aide [commande]', 'affiche l’aide d’une commande');
  cmd.helpOption('-h, --help', 'affiche l’aide');

  cmd
    .command('validate')
    .alias('valider')
    .description('vérifie les entrées (par défaut tout content/)')
    .argument('[chemins...]', 'fichiers ou dossiers à vérifier')
    .addOption(new Option('--format <format>', 'text, json ou github').default('text'))
    .addOption(new Option('--today <date>').hideHelp())
    .action((paths: string[], opts: ValidateOptions) =>
      run(async () => (await import('./commands/validate.js')).validate(paths, opts, io)),
    );

  cmd
    .command('new')
    .alias('nouveau')
    .description('crée une entrée à partir du modèle de sa collection')
    .argument('<collection>', orList(allCollections().map((c) => c.alias)))
    .option('--titre <titre>', 'titre de l’entrée')
    .option('--set <champ=valeur>', 'renseigne un champ (répétable ; listes séparées par des virgules)', collect)
    .option('-y, --yes', 'sans questions : utilise les options et laisse « À COMPLÉTER » ailleurs')
    .addOption(new Option('--today <date>').hideHelp())
    .action((collection: string, opts: NewOptions) =>
      run(async () => (await import('./commands/new.js')).newEntry(collection, opts, io)),
    );

  cmd
    .command('format')
    .description('met les entrées sous leur forme canonique')
    .argument('[chemins...]', 'fichiers ou dossiers (par défaut tout content/)')
    .option('--check', 'ne modifie rien ; échoue si un fichier n’est pas sous forme canonique')
    .action((paths: string[], opts: FormatOptions) =>
      run(async () => (await import('./commands/format.js')).format(paths, opts, io)),
    );

  cmd
    .command('migrer')
    .alias('migrate')
    .description('met les entrées existantes au modèle de contenu actuel (sans effet sur une entrée déjà à jour)')
    .argument('[chemins...]', 'fichiers ou dossiers (par défaut tout content/)')
    .option('--check', 'ne modifie rien ; échoue si une entrée doit être migrée')
    .action((paths: string[], opts: { check?: boolean }) =>
      run(async () => (await import('./commands/migrer.js')).migrer(paths, opts, io)),
    );

  cmd
    .command('propose')
    .alias('proposer')
    .description('propose les entrées ajoutées ou modifiées par une pull request')
    .argument('[chemins...]', 'entrées à proposer (par défaut : celles qui diffèrent de la branche de base)')
    .option('--base <branche>', 'branche de base')
    .option('--repo <owner/name>', 'dépôt GitHub (par défaut : le remote origin)')
    .option('--draft', 'ouvre la pull request en brouillon')
    .option('--titre <titre>', 'titre de la pull request')
    .option('--dry-run', 'affiche ce qui serait fait, sans rien écrire')
    .option('--local', 'crée la branche et le commit dans le dépôt local, sans GitHub')
    .action((paths: string[], opts: ProposeOptions) =>
      run(async () => (await import('./commands/propose.js')).propose(paths, opts, io)),
    );

  cmd
    .command('diff')
    .description('décrit en français ce qui change entre deux révisions Git')
    .argument('<base>', 'révision de départ')
    .argument('[head]', 'révision d’arrivée (par défaut : l’arbre de travail)')
    .addOption(new Option('--format <format>', 'text, markdown ou json').default('text'))
    .action((base: string, head: string | undefined, opts: DiffOptions) =>
      run(async () => (await import('./commands/diff.js')).diff(base, head, opts, io)),
    );

  cmd
    .command('links')
    .alias('liens')
    .description('vérifie les liens internes, et les liens externes avec --external')
    .argument('[chemins...]', 'fichiers ou dossiers (par défaut tout content/)')
    .option('--external', 'vérifie aussi les adresses externes')
    .addOption(new Option('--format <format>', 'text, json, markdown ou github').default('text'))
    .option('--cache <fichier>', 'fichier de cache des liens externes')
    .option('--no-cache', 'ignore le cache')
    .action((paths: string[], opts: LinksOptions) =>
      run(async () => (await import('./commands/links.js')).links(paths, opts, io)),
    );

  cmd
    .command('stale')
    .alias('entretien')
    .description('liste ce qui demande de l’entretien : entrées à relire, appels clos, événements passés, liens cassés')
    .option('--mois <n>', 'relire au-delà de n mois pour toutes les collections (par défaut : l’intervalle de chacune)')
    .addOption(new Option('--format <format>', 'text, markdown ou json').default('text'))
    .option('--cache <fichier>', 'cache de la dernière vérification des liens externes')
    .addOption(new Option('--today <date>').hideHelp())
    .action((opts: StaleOptions) => run(async () => (await import('./commands/stale.js')).stale(opts, io)));

  cmd
    .command('edition')
    .description('fige une nouvelle édition des fiches pratiques')
    .argument('<nom>', 'nom de l’édition, par exemple 2027')
    .action((name: string) => run(async () => (await import('./commands/edition.js')).edition(name, io)));

  cmd
    .command('lettre')
    .description('lettre d’information d’une période ; alertes personnalisées des abonnés')
    .option('--depuis <date>', 'début de la période (AAAA-MM-JJ ou révision Git ; par défaut 7 jours avant --au)')
    .option('--au <date>', 'fin de la période (AAAA-MM-JJ ; par défaut aujourd’hui)')
    .option('--jours <n>', 'appels qui ferment et événements qui commencent dans ce nombre de jours', '30')
    .option('--sortie <dossier>', 'écrit lettre.html et lettre.txt dans ce dossier')
    .option('--brouillon', 'écrit l’actualité de la lettre dans content/news/ (à relire avant publication)')
    .option('--alertes', 'met en file un message par abonné dont les critères correspondent')
    .option('--envoyer', 'envoie la file au rythme configuré (ESSAIM_MAIL_PER_SECOND)')
    .action((opts: LettreOptions) => run(async () => (await import('./commands/lettre.js')).lettre(opts, io)));

  cmd
    .command('rebonds')
    .description('enregistre les rebonds signalés par le fournisseur de courriel (avis de non-remise ou liste)')
    .argument('[fichiers...]', 'avis de non-remise (.eml), dossiers qui les contiennent, ou listes d’adresses')
    .option('--lever <adresse>', 'lève la suspension d’une adresse (répétable)', collect)
    .action((files: string[], opts: RebondsOptions) =>
      run(async () => (await import('./commands/rebonds.js')).rebonds(files, opts, io)),
    );

  cmd
    .command('importer-acteurs')
    .description('écrit les acteurs d’une liste au format data·inclusion absents de l’annuaire (jamais de coordonnées)')
    .argument('<fichier>', 'liste JSON de structures au format data·inclusion')
    .action((file: string) =>
      run(async () => (await import('./commands/importer-acteurs.js')).importerActeurs(file, io)),
    );

  cmd
    .command('rappels')
    .description('demande aux gestionnaires des acteurs de confirmer leurs informations réservées (tous les six mois)')
    .action(() => run(async () => (await import('./commands/rappels.js')).rappels(io)));

  cmd
    .command('sauvegarde')
    .description('sauvegarde à chaud la base du service de propositions')
    .argument('<dossier>', 'dossier des sauvegardes')
    .option('--garder <n>', 'nombre de sauvegardes gardées (7 par défaut)')
    .action((folder: string, opts: SauvegardeOptions) =>
      run(async () => (await import('./commands/sauvegarde.js')).sauvegarde(folder, opts, io)),
    );
  cmd
    .command('signalements')
    .description('liste les erreurs signalées sur le portail (service de propositions)')
    .action(() => run(async () => (await import('./commands/signalements.js')).signalements(io)));

  cmd
    .command('effacement')
    .description('efface les coordonnées d’une personne de la base du service et des courriels en attente')
    .argument('<courriel>', 'adresse électronique de la personne')
    .action((email: string) => run(async () => (await import('./commands/effacement.js')).effacement(email, io)));

  cmd
    .command('restauration')
    .description('restaure une sauvegarde dans le service arrêté')
    .argument('<fichier>', 'sauvegarde à restaurer')
    .action((file: string) => run(async () => (await import('./commands/restauration.js')).restauration(file, io)));

  return cmd;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const run = async (action: () => Promise<ExitCode>): Promise<void> => {
    code = await action();
  };
  try {
    await program(io, run).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      io.err(`Erreur : ${e.message}`);
      return 2;
    }
    io.err(
      `Erreur interne : ${e instanceof Error ? e.message : String(e)}\nSignalez-la avec la commande lancée : https://github.com/essaim-portail/essaim/issues`,
    );
    if (io.env.ESSAIM_DEBUG && e instanceof Error) io.err(e.stack ?? '');
    return 2;
  }
}
