/**
 * The publisher's identity, in one place (edit `publisher` below): the legal pages read it, and the
 * État bloc-marque (« République française ») is shown only when the publisher is a State service.
 */

export interface Publisher {
  nom: string;
  adresse: string;
  directeurPublication: string;
  contact: string;
  hebergeur: string;
  /** True only for a State service: the bloc-marque is reserved to them. */
  serviceEtat: boolean;
  dureeConservation: string;
}

export const publisher: Publisher = {
  nom: 'Collectif Essaim',
  adresse: 'Adresse postale à renseigner',
  directeurPublication: 'Nom de la directrice ou du directeur de la publication à renseigner',
  contact: 'contact@essaim.example.org',
  hebergeur: 'Hébergeur à renseigner (nom, adresse, téléphone)',
  serviceEtat: true,
  dureeConservation: 'jusqu’à votre demande d’effacement (aucune purge automatique n’est encore en place)',
};
