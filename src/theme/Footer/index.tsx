/** The DSFR footer of the portal (replaces Docusaurus' footer). */
import Link from '@docusaurus/Link';
import { audit, conformityState } from '../../legal/accessibility.js';
import { publisher } from '../../legal/publisher.js';

const content: { label: string; to: string }[] = [
  { label: 'À propos', to: '/a-propos' },
  { label: 'Questions fréquentes', to: '/faq' },
  { label: 'Contribuer', to: '/contribuer' },
  { label: 'Actualités', to: '/actualites' },
  { label: 'Données ouvertes', to: '/donnees' },
];

const legal: { label: string; to: string }[] = [
  { label: 'Mentions légales', to: '/mentions-legales' },
  { label: 'Données personnelles', to: '/donnees-personnelles' },
  { label: `Accessibilité : ${conformityState(audit)}`, to: '/accessibilite' },
];

export default function Footer() {
  return (
    <footer className="fr-footer essaim-footer" role="contentinfo" id="footer">
      <div className="fr-container">
        <div className="fr-footer__body">
          <div className="fr-footer__brand fr-enlarge-link">
            <Link
              to="/"
              title={`Retour à l’accueil du site — Essaim${publisher.serviceEtat ? ' — République française' : ''}`}
            >
              {publisher.serviceEtat ? (
                <p className="fr-logo">
                  République
                  <br />
                  française
                </p>
              ) : (
                <p className="fr-footer__brand-title">{publisher.nom}</p>
              )}
            </Link>
          </div>
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">
              Essaim est le portail ouvert de la lutte contre la précarité alimentaire : des fiches pratiques pour
              essaimer les initiatives qui marchent, des études, des financements, des formations, des outils et un
              agenda, construits avec les acteurs de terrain. Son contenu est public, versionné et ouvert aux
              contributions.
            </p>
            <ul className="fr-footer__content-list">
              {content.map((l) => (
                <li className="fr-footer__content-item" key={l.to}>
                  <Link className="fr-footer__content-link" to={l.to}>
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            {legal.map((l) => (
              <li className="fr-footer__bottom-item" key={l.to}>
                <Link className="fr-footer__bottom-link" to={l.to}>
                  {l.label}
                </Link>
              </li>
            ))}
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="pathname:///actualites/rss.xml">
                Flux RSS des actualités
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="pathname:///actualites/atom.xml">
                Flux Atom des actualités
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="https://github.com/essaim-portail/essaim">
                Code source et contenus sur GitHub
              </Link>
            </li>
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>
              Sauf mention contraire, les contenus de ce site sont proposés sous{' '}
              <Link to="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte 2.0</Link> et le code
              sous licence MIT.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}
