/* Généré par `npm run gen:types` depuis schemas/ : ne pas modifier à la main. */

/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant = string;
/**
 * Titre de la pratique, en français.
 */
export type Titre = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume = string;
/**
 * Type de pratique (générique, reproductible partout) ou projet (un porteur, un lieu).
 */
export type Nature = "type" | "projet";
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons = [Maillon, ...Maillon[]];
/**
 * Maillon de la chaîne de la lutte contre la précarité alimentaire.
 */
export type Maillon =
  | "reperage-orientation"
  | "approvisionnement"
  | "logistique"
  | "distribution"
  | "accompagnement"
  | "participation"
  | "cooperation-territoriale"
  | "pilotage-evaluation";
/**
 * Critères auxquels la pratique répond.
 *
 * @minItems 1
 */
export type CriteresDUneAlimentationDigneEtDurable = [Critere, ...Critere[]];
/**
 * Critère d’une alimentation digne et durable.
 */
export type Critere =
  | "dignite-libre-choix"
  | "participation-personnes"
  | "qualite-nutritionnelle"
  | "durabilite-environnementale"
  | "lien-social"
  | "acces-non-stigmatisant"
  | "ancrage-territorial"
  | "autonomie-sortie-precarite";
/**
 * Stade de développement de la pratique.
 */
export type Stade = "experimentation" | "deploiement" | "essaimee";
/**
 * Ce qui atteste les résultats de la pratique.
 */
export type NiveauDePreuve = "aucune" | "auto-evaluation" | "evaluation-externe" | "etude-publiee";
/**
 * Le rapport d’évaluation ou l’étude publiée ; obligatoire pour une évaluation externe ou une étude.
 */
export type LienVersLEvaluation = string;
/**
 * Le chiffre et ce qu’il compte, par exemple « 1 200 foyers accompagnés en 2023 ».
 */
export type Chiffre1 = string;
/**
 * Document qui donne ce chiffre.
 */
export type Source = string;
/**
 * Année à laquelle le chiffre se rapporte.
 */
export type Annee = number;
/**
 * Résultats chiffrés, chacun avec sa source et son année.
 */
export type ChiffresCles = Chiffre[];
/**
 * Vrai si le porteur accueille des visites d’autres acteurs qui veulent reproduire la pratique.
 */
export type AccepteDesVisitesApprenantes = boolean;
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires = [Territoire, ...Territoire[]];
/**
 * Territoire couvert : « national », une région (reg- suivi du code INSEE), un département (dep- suivi du code INSEE), une commune (com- suivi de son code INSEE) ou une intercommunalité (epci- suivi de son SIREN).
 */
export type Territoire =
  | (
      | "national"
      | "reg-01"
      | "reg-02"
      | "reg-03"
      | "reg-04"
      | "reg-06"
      | "reg-11"
      | "reg-24"
      | "reg-27"
      | "reg-28"
      | "reg-32"
      | "reg-44"
      | "reg-52"
      | "reg-53"
      | "reg-75"
      | "reg-76"
      | "reg-84"
      | "reg-93"
      | "reg-94"
      | "dep-01"
      | "dep-02"
      | "dep-03"
      | "dep-04"
      | "dep-05"
      | "dep-06"
      | "dep-07"
      | "dep-08"
      | "dep-09"
      | "dep-10"
      | "dep-11"
      | "dep-12"
      | "dep-13"
      | "dep-14"
      | "dep-15"
      | "dep-16"
      | "dep-17"
      | "dep-18"
      | "dep-19"
      | "dep-2A"
      | "dep-2B"
      | "dep-21"
      | "dep-22"
      | "dep-23"
      | "dep-24"
      | "dep-25"
      | "dep-26"
      | "dep-27"
      | "dep-28"
      | "dep-29"
      | "dep-30"
      | "dep-31"
      | "dep-32"
      | "dep-33"
      | "dep-34"
      | "dep-35"
      | "dep-36"
      | "dep-37"
      | "dep-38"
      | "dep-39"
      | "dep-40"
      | "dep-41"
      | "dep-42"
      | "dep-43"
      | "dep-44"
      | "dep-45"
      | "dep-46"
      | "dep-47"
      | "dep-48"
      | "dep-49"
      | "dep-50"
      | "dep-51"
      | "dep-52"
      | "dep-53"
      | "dep-54"
      | "dep-55"
      | "dep-56"
      | "dep-57"
      | "dep-58"
      | "dep-59"
      | "dep-60"
      | "dep-61"
      | "dep-62"
      | "dep-63"
      | "dep-64"
      | "dep-65"
      | "dep-66"
      | "dep-67"
      | "dep-68"
      | "dep-69"
      | "dep-70"
      | "dep-71"
      | "dep-72"
      | "dep-73"
      | "dep-74"
      | "dep-75"
      | "dep-76"
      | "dep-77"
      | "dep-78"
      | "dep-79"
      | "dep-80"
      | "dep-81"
      | "dep-82"
      | "dep-83"
      | "dep-84"
      | "dep-85"
      | "dep-86"
      | "dep-87"
      | "dep-88"
      | "dep-89"
      | "dep-90"
      | "dep-91"
      | "dep-92"
      | "dep-93"
      | "dep-94"
      | "dep-95"
      | "dep-971"
      | "dep-972"
      | "dep-973"
      | "dep-974"
      | "dep-976"
    )
  | string
  | string;
/**
 * Public concerné.
 */
export type Public =
  | "familles"
  | "familles-monoparentales"
  | "enfants-jeunes"
  | "etudiants"
  | "personnes-agees"
  | "sans-domicile"
  | "personnes-exilees"
  | "travailleurs-precaires"
  | "situation-handicap"
  | "territoires-ruraux"
  | "quartiers-prioritaires"
  | "outre-mer";
/**
 * Publics concernés.
 */
export type Publics = Public[];
/**
 * Nom de la structure.
 */
export type Nom = string;
/**
 * Type de la structure porteuse.
 */
export type TypeDeStructure =
  | "association"
  | "reseau-national"
  | "banque-alimentaire"
  | "epicerie-sociale-solidaire"
  | "ccas-cias"
  | "collectivite"
  | "etat"
  | "etablissement-public"
  | "fondation"
  | "entreprise-ess"
  | "entreprise"
  | "collectif-citoyen"
  | "recherche";
/**
 * Site de la structure.
 */
export type Site = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt = string;
/**
 * Principaux partenaires (structures).
 */
export type Partenaires = TexteCourt[];
/**
 * Ordre de grandeur des coûts et des moyens humains et matériels, sans chiffre inventé.
 */
export type CoutsEtMoyens = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt1 = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt2 = string;
/**
 * Page de contact ou site de la structure.
 */
export type Site1 = string;
/**
 * Adresse générique de la structure.
 */
export type Courriel = string;
/**
 * Contacts publics de structures qui peuvent aider à reproduire la pratique.
 */
export type ContactsPourEssaimer = Contact[];
/**
 * Texte d’une ligne.
 */
export type TexteCourt3 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb = string;
/**
 * Liens externes utiles : études, outils, exemples.
 */
export type EtudesOutilsEtExemples = Lien[];
/**
 * Référence à une autre entrée du portail, sous la forme <collection>/<identifiant>, par exemple studies/barometre-secours-populaire.
 */
export type Reference = string;
/**
 * Autres entrées du portail liées à celle-ci (<collection>/<identifiant>).
 */
export type RessourcesLiees = Reference[];
/**
 * Date à laquelle l’équipe éditoriale a relu la fiche en entier (AAAA-MM-JJ).
 */
export type DerniereRevue = string;
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour = string;
/**
 * Note pour l’équipe éditoriale ; jamais publiée sur le portail ni dans les données ouvertes.
 */
export type NoteInterne = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant1 = string;
/**
 * Titre de l’étude, en français.
 */
export type Titre1 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume1 = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt4 = string;
/**
 * Nature de la publication.
 */
export type TypeDEtude = "enquete" | "barometre" | "observatoire" | "evaluation" | "rapport" | "etude";
/**
 * Date de publication : année (AAAA), mois (AAAA-MM) ou jour (AAAA-MM-JJ), seulement ce qui est connu.
 */
export type DateDePublication = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb1 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb2 = string;
/**
 * Principaux constats, tels que formulés par l’éditeur, un par ligne.
 */
export type ConstatsCles = string[];
/**
 * Comment l’étude a été menée : échantillon, période, terrain, méthode.
 */
export type Methode = string;
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons1 = [Maillon, ...Maillon[]];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires1 = [Territoire, ...Territoire[]];
/**
 * Publics concernés.
 */
export type Publics1 = Public[];
/**
 * Autres entrées du portail liées à celle-ci (<collection>/<identifiant>).
 */
export type RessourcesLiees1 = Reference[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources1 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour1 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant2 = string;
/**
 * Titre du financeur (son nom), en français.
 */
export type Titre2 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume2 = string;
/**
 * Nature du financeur.
 */
export type TypeDeFinanceur =
  "etat" | "collectivite" | "etablissement-public" | "fondation" | "fonds-europeen" | "entreprise";
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb3 = string;
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires2 = [Territoire, ...Territoire[]];
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons2 = [Maillon, ...Maillon[]];
/**
 * Identifiant stable de l’appel, unique chez ce financeur.
 */
export type IdentifiantDeLAppel = string;
/**
 * Intitulé officiel de l’appel.
 */
export type TitreDeLAppel = string;
/**
 * Ce que l’appel finance, en une ou deux phrases.
 */
export type Resume3 = string;
/**
 * Ponctuel (dates fixées, par défaut), permanent (sans date limite) ou annuel (prochaines dates à confirmer).
 */
export type Recurrence = "ponctuel" | "permanent" | "annuel";
/**
 * Date d’ouverture des candidatures (AAAA-MM-JJ) ; obligatoire pour un appel ponctuel.
 */
export type DateDOuverture = string;
/**
 * Date limite de dépôt des candidatures (AAAA-MM-JJ) ; obligatoire pour un appel ponctuel, absente pour un dispositif permanent.
 */
export type DateLimite = string;
/**
 * Pour un appel annuel : période habituelle, par exemple « ouverture habituelle en mars, dates à confirmer ».
 */
export type CalendrierHabituel = string;
/**
 * Nature de l’aide apportée.
 *
 * @minItems 1
 */
export type TypeDAide = [
  "subvention" | "pret" | "accompagnement" | "ami" | "prix",
  ...("subvention" | "pret" | "accompagnement" | "ami" | "prix")[]
];
/**
 * Montant ou fourchette, tel qu’annoncé par le financeur, en toutes lettres.
 */
export type Montant = string;
/**
 * Montant minimal de l’aide, en euros, s’il est annoncé.
 */
export type MontantMinimal = number;
/**
 * Montant maximal de l’aide, en euros, s’il est annoncé.
 */
export type MontantMaximal = number;
/**
 * Part maximale du projet que l’aide peut financer, en pourcentage (0 à 100).
 */
export type TauxMaximalDeCofinancement = number;
/**
 * Qui peut candidater et à quelles conditions.
 */
export type Eligibilite = string;
/**
 * Nature juridique ou rôle de la structure.
 */
export type TypeDeStructure1 =
  | "association"
  | "reseau-national"
  | "banque-alimentaire"
  | "epicerie-sociale-solidaire"
  | "ccas-cias"
  | "collectivite"
  | "etat"
  | "etablissement-public"
  | "fondation"
  | "entreprise-ess"
  | "entreprise"
  | "collectif-citoyen"
  | "recherche";
/**
 * Types de structures qui peuvent candidater.
 */
export type StructuresEligibles = TypeDeStructure1[];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires3 = [Territoire, ...Territoire[]];
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons3 = [Maillon, ...Maillon[]];
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb4 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb5 = string;
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources2 = [Lien, ...Lien[]];
/**
 * Appels à projets ou dispositifs de financement du financeur.
 */
export type AppelsAProjets = AppelAProjets[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources3 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour2 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant3 = string;
/**
 * Titre de la formation, en français.
 */
export type Titre3 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume4 = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt5 = string;
/**
 * Modalité de la formation.
 */
export type Format = "presentiel" | "distanciel" | "mooc" | "hybride";
/**
 * Durée indicative (par exemple : 2 jours, 6 semaines).
 */
export type Duree = string;
/**
 * Coût pour les participants, tel qu’annoncé.
 */
export type Cout = string;
/**
 * Vrai si la formation est gratuite pour les participants.
 */
export type Gratuit = boolean;
/**
 * Qui peut suivre la formation.
 */
export type ParticipantsVises = ("benevoles" | "salaries" | "personnes-concernees" | "elus-agents")[];
/**
 * Premier jour (AAAA-MM-JJ).
 */
export type Debut = string;
/**
 * Dernier jour (AAAA-MM-JJ).
 */
export type Fin = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt6 = string;
/**
 * Sessions programmées.
 */
export type Sessions = Session[];
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb6 = string;
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons4 = [Maillon, ...Maillon[]];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires4 = [Territoire, ...Territoire[]];
/**
 * Publics concernés.
 */
export type Publics2 = Public[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources4 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour3 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant4 = string;
/**
 * Titre de l’outil, en français.
 */
export type Titre4 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume5 = string;
/**
 * Nature de l’outil.
 */
export type TypeDOutil = "guide" | "modele" | "autodiagnostic" | "grille-evaluation" | "kit";
/**
 * Texte d’une ligne.
 */
export type TexteCourt7 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb7 = string;
/**
 * Vrai si l’outil est librement accessible.
 */
export type Gratuit1 = boolean;
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons5 = [Maillon, ...Maillon[]];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires5 = [Territoire, ...Territoire[]];
/**
 * Publics concernés.
 */
export type Publics3 = Public[];
/**
 * Autres entrées du portail liées à celle-ci (<collection>/<identifiant>).
 */
export type RessourcesLiees2 = Reference[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources5 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour4 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant5 = string;
/**
 * Titre de l’événement, en français.
 */
export type Titre5 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume6 = string;
/**
 * Nature de l’événement.
 */
export type TypeDEvenement = "webinaire" | "atelier" | "visite-apprenante" | "conference" | "rencontre";
/**
 * Date, ou date et heure avec fuseau, du début.
 */
export type Debut1 = {
  [k: string]: unknown;
} & string;
/**
 * Date, ou date et heure avec fuseau, de la fin.
 */
export type Fin1 = {
  [k: string]: unknown;
} & string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt8 = string;
/**
 * Vrai si l’événement se tient (aussi) en ligne.
 */
export type EnLigne = boolean;
/**
 * Texte d’une ligne.
 */
export type TexteCourt9 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb8 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb9 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb10 = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb11 = string;
/**
 * Accessibilité du lieu et de l’événement : accès en fauteuil, sous-titrage, interprétation en LSF…
 */
export type Accessibilite = string;
/**
 * Référence à une autre entrée du portail, sous la forme <collection>/<identifiant>, par exemple studies/barometre-secours-populaire.
 */
export type Reference1 = string;
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons6 = [Maillon, ...Maillon[]];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires6 = [Territoire, ...Territoire[]];
/**
 * Publics concernés.
 */
export type Publics4 = Public[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources6 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour5 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant6 = string;
/**
 * Titre de la plateforme (son nom), en français.
 */
export type Titre6 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume7 = string;
/**
 * Ce que la plateforme permet de faire, et pour qui.
 */
export type AQuoiElleSert = string;
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb12 = string;
/**
 * Texte d’une ligne.
 */
export type TexteCourt10 = string;
/**
 * Vrai si la plateforme est gratuite pour ses utilisateurs.
 */
export type Gratuit2 = boolean;
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons7 = [Maillon, ...Maillon[]];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires7 = [Territoire, ...Territoire[]];
/**
 * Publics concernés.
 */
export type Publics5 = Public[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources7 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour6 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant7 = string;
/**
 * Titre de l’actualité, en français.
 */
export type Titre7 = string;
/**
 * Résumé en une ou deux phrases (300 caractères au plus), affiché dans les listes et les résultats de recherche.
 */
export type Resume8 = string;
/**
 * Date de publication sur le portail (AAAA-MM-JJ).
 */
export type DateDePublication1 = string;
/**
 * Nature de l’actualité.
 */
export type TypeDActualite = "veille" | "revue-de-presse" | "lettre" | "annonce";
/**
 * Mots-clés libres.
 */
export type Etiquettes = string[];
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons8 = [Maillon, ...Maillon[]];
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires8 = [Territoire, ...Territoire[]];
/**
 * Autres entrées du portail liées à celle-ci (<collection>/<identifiant>).
 */
export type RessourcesLiees3 = Reference[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources8 = [Lien, ...Lien[]];
/**
 * Date de la dernière modification du contenu (AAAA-MM-JJ).
 */
export type DerniereMiseAJour7 = string;
/**
 * Identifiant stable en minuscules, chiffres et tirets ; identique au nom du fichier.
 */
export type Identifiant8 = string;
/**
 * Nom de la structure, tel qu’elle le présente.
 */
export type NomDeLaStructure = string;
/**
 * Ce que fait la structure, en une ou deux phrases (300 caractères au plus).
 */
export type Resume9 = string;
/**
 * Nature juridique ou rôle de la structure.
 */
export type TypeDeStructure2 =
  | "association"
  | "reseau-national"
  | "banque-alimentaire"
  | "epicerie-sociale-solidaire"
  | "ccas-cias"
  | "collectivite"
  | "etat"
  | "etablissement-public"
  | "fondation"
  | "entreprise-ess"
  | "entreprise"
  | "collectif-citoyen"
  | "recherche";
/**
 * Territoires couverts : « national », des régions, des départements, des communes (com-<code INSEE>) ou des intercommunalités (epci-<SIREN>).
 *
 * @minItems 1
 */
export type Territoires9 = [Territoire, ...Territoire[]];
/**
 * Maillons de la chaîne concernés.
 *
 * @minItems 1
 */
export type Maillons9 = [Maillon, ...Maillon[]];
/**
 * Les actions de la structure, une par ligne (par exemple « Épicerie solidaire ouverte trois jours par semaine »).
 *
 * @maxItems 20
 */
export type ActionsMenees =
  | []
  | [string]
  | [string, string]
  | [string, string, string]
  | [string, string, string, string]
  | [string, string, string, string, string]
  | [string, string, string, string, string, string]
  | [string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string, string, string, string, string, string]
  | [string, string, string, string, string, string, string, string, string, string, string, string, string, string]
  | [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ]
  | [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ]
  | [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ]
  | [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ]
  | [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ]
  | [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string
    ];
/**
 * Adresse web sécurisée, commençant par https://.
 */
export type AdresseWeb13 = string;
export type Niveau = "nationale" | "regionale";
/**
 * Texte d’une ligne.
 */
export type TexteCourt11 = string;
/**
 * Fiches pratiques des actions que la structure porte (practices/<identifiant>).
 */
export type FichesPratiquesPortees = Reference[];
/**
 * Documents publics qui attestent ce que dit l’entrée (la page ou le document lui-même, pas un site d’accueil).
 *
 * @minItems 1
 */
export type Sources9 = [Lien, ...Lien[]];
/**
 * Date au format AAAA-MM-JJ.
 */
export type Date = string;

export interface Entries {
  practices: Practice;
  studies: Study;
  funders: Funder;
  trainings: Training;
  tools: Tool;
  events: Event;
  platforms: Platform;
  news: News;
  actors: Actor;
}
/**
 * Fiche pédagogique d’une pratique inspirante : ce qu’elle est, pour qui, comment la lancer, ce qu’elle coûte, avec qui, ses résultats, ses points de vigilance et qui contacter pour l’essaimer. Le texte de la fiche suit le bloc d’en-tête.
 */
export interface Practice {
  id: Identifiant;
  titre: Titre;
  resume: Resume;
  nature: Nature;
  maillons: Maillons;
  criteres: CriteresDUneAlimentationDigneEtDurable;
  stade: Stade;
  niveau_preuve: NiveauDePreuve;
  preuve_lien?: LienVersLEvaluation;
  chiffres?: ChiffresCles;
  visites_apprenantes?: AccepteDesVisitesApprenantes;
  territoires: Territoires;
  publics?: Publics;
  porteur: Porteur;
  partenaires?: Partenaires;
  couts?: CoutsEtMoyens;
  contacts?: ContactsPourEssaimer;
  ressources?: EtudesOutilsEtExemples;
  ressources_liees?: RessourcesLiees;
  derniere_revue: DerniereRevue;
  sources?: Sources;
  date_maj: DerniereMiseAJour;
  note_interne?: NoteInterne;
}
/**
 * Un chiffre, sa source et son année.
 */
export interface Chiffre {
  valeur: Chiffre1;
  source: Source;
  annee: Annee;
}
/**
 * Structure qui porte la pratique.
 */
export interface Porteur {
  nom: Nom;
  type: TypeDeStructure;
  site?: Site;
}
/**
 * Contact public d’une structure (jamais une personne privée).
 */
export interface Contact {
  structure: TexteCourt1;
  role?: TexteCourt2;
  site?: Site1;
  courriel?: Courriel;
}
/**
 * Un lien externe avec son intitulé.
 */
export interface Lien {
  titre: TexteCourt3;
  url: AdresseWeb;
}
/**
 * Étude, enquête, baromètre, évaluation ou rapport sur la précarité alimentaire.
 */
export interface Study {
  id: Identifiant1;
  titre: Titre1;
  resume: Resume1;
  editeur: TexteCourt4;
  type: TypeDEtude;
  date_publication: DateDePublication;
  url: AdresseWeb1;
  pdf?: AdresseWeb2;
  constats?: ConstatsCles;
  methode?: Methode;
  maillons?: Maillons1;
  territoires: Territoires1;
  publics?: Publics1;
  ressources_liees?: RessourcesLiees1;
  sources?: Sources1;
  date_maj: DerniereMiseAJour1;
  note_interne?: NoteInterne;
}
/**
 * Un financeur (État, collectivité, fondation, fonds européen, entreprise) et ses appels à projets.
 */
export interface Funder {
  id: Identifiant2;
  titre: Titre2;
  resume: Resume2;
  type: TypeDeFinanceur;
  site: AdresseWeb3;
  territoires: Territoires2;
  maillons?: Maillons2;
  appels?: AppelsAProjets;
  sources?: Sources3;
  date_maj: DerniereMiseAJour2;
  note_interne?: NoteInterne;
}
/**
 * Un appel à projets ou un dispositif : ponctuel (dates fixées), permanent ou annuel.
 */
export interface AppelAProjets {
  id: IdentifiantDeLAppel;
  titre: TitreDeLAppel;
  resume: Resume3;
  recurrence?: Recurrence;
  ouverture?: DateDOuverture;
  cloture?: DateLimite;
  calendrier?: CalendrierHabituel;
  type_aide?: TypeDAide;
  montant?: Montant;
  montant_min?: MontantMinimal;
  montant_max?: MontantMaximal;
  taux_max?: TauxMaximalDeCofinancement;
  eligibilite?: Eligibilite;
  beneficiaires?: StructuresEligibles;
  territoires: Territoires3;
  maillons?: Maillons3;
  url: AdresseWeb4;
  reglement?: AdresseWeb5;
  sources?: Sources2;
}
/**
 * Formation ou MOOC pour bénévoles et salariés.
 */
export interface Training {
  id: Identifiant3;
  titre: Titre3;
  resume: Resume4;
  organisateur: TexteCourt5;
  format: Format;
  duree?: Duree;
  cout?: Cout;
  gratuit?: Gratuit;
  audience?: ParticipantsVises;
  sessions?: Sessions;
  url: AdresseWeb6;
  maillons?: Maillons4;
  territoires: Territoires4;
  publics?: Publics2;
  sources?: Sources4;
  date_maj: DerniereMiseAJour3;
  note_interne?: NoteInterne;
}
/**
 * Une session de la formation.
 */
export interface Session {
  debut: Debut;
  fin?: Fin;
  lieu?: TexteCourt6;
}
/**
 * Guide, modèle, kit d’autodiagnostic ou grille d’évaluation.
 */
export interface Tool {
  id: Identifiant4;
  titre: Titre4;
  resume: Resume5;
  type: TypeDOutil;
  editeur: TexteCourt7;
  url?: AdresseWeb7;
  gratuit?: Gratuit1;
  maillons?: Maillons5;
  territoires: Territoires5;
  publics?: Publics3;
  ressources_liees?: RessourcesLiees2;
  sources?: Sources5;
  date_maj: DerniereMiseAJour4;
  note_interne?: NoteInterne;
}
/**
 * Webinaire, atelier, visite apprenante ou conférence.
 */
export interface Event {
  id: Identifiant5;
  titre: Titre5;
  resume: Resume6;
  type: TypeDEvenement;
  debut: Debut1;
  fin?: Fin1;
  lieu?: TexteCourt8;
  en_ligne?: EnLigne;
  organisateur: TexteCourt9;
  url?: AdresseWeb8;
  inscription?: AdresseWeb9;
  replay?: AdresseWeb10;
  compte_rendu?: AdresseWeb11;
  accessibilite?: Accessibilite;
  fiche?: Reference1;
  maillons?: Maillons6;
  territoires: Territoires6;
  publics?: Publics4;
  sources?: Sources6;
  date_maj: DerniereMiseAJour5;
  note_interne?: NoteInterne;
}
/**
 * Plateforme numérique existante vers laquelle le portail oriente.
 */
export interface Platform {
  id: Identifiant6;
  titre: Titre6;
  resume: Resume7;
  usage: AQuoiElleSert;
  url: AdresseWeb12;
  editeur: TexteCourt10;
  gratuit?: Gratuit2;
  maillons?: Maillons7;
  territoires: Territoires7;
  publics?: Publics5;
  sources?: Sources7;
  date_maj: DerniereMiseAJour6;
  note_interne?: NoteInterne;
}
/**
 * Veille, revue de presse ou lettre d’information.
 */
export interface News {
  id: Identifiant7;
  titre: Titre7;
  resume: Resume8;
  date: DateDePublication1;
  type: TypeDActualite;
  etiquettes?: Etiquettes;
  maillons?: Maillons8;
  territoires?: Territoires8;
  ressources_liees?: RessourcesLiees3;
  sources?: Sources8;
  date_maj: DerniereMiseAJour7;
  note_interne?: NoteInterne;
}
/**
 * Une structure de la lutte contre la précarité alimentaire : sa partie publique. Les contacts nominatifs, téléphones et courriels directs, horaires pour les partenaires, capacités et besoins ne sont jamais ici : ils vivent dans la base du service, réservés aux professionnels connectés.
 */
export interface Actor {
  id: Identifiant8;
  titre: NomDeLaStructure;
  resume: Resume9;
  type_structure: TypeDeStructure2;
  territoires: Territoires9;
  maillons?: Maillons9;
  actions?: ActionsMenees;
  site?: AdresseWeb13;
  habilitation?: HabilitationALAideAlimentaire;
  fiches?: FichesPratiquesPortees;
  sources?: Sources9;
  date_maj: Date;
  note_interne?: NoteInterne;
}
/**
 * Habilitation nationale ou régionale à recevoir des contributions publiques pour l’aide alimentaire (article L266-2 du code de l’action sociale et des familles).
 */
export interface HabilitationALAideAlimentaire {
  niveau: Niveau;
  reference?: TexteCourt11;
}
