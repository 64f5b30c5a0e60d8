/**
 * The DSFR header: the “République française” bloc-marque and the service name. The main
 * navigation is Docusaurus' navbar, shown right below it (with the search box and the edition menu).
 */
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { publisher } from '../../legal/publisher.js';

export default function Header() {
  const { siteConfig } = useDocusaurusContext();
  return (
    <header role="banner" className="fr-header essaim-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                {publisher.serviceEtat && (
                  <div className="fr-header__logo">
                    <p className="fr-logo">
                      République
                      <br />
                      française
                    </p>
                  </div>
                )}
              </div>
              <div className="fr-header__service">
                <Link to="/" title="Accueil — Essaim">
                  <p className="fr-header__service-title">{siteConfig.title}</p>
                </Link>
                <p className="fr-header__service-tagline">{siteConfig.tagline}</p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">
                <ul className="fr-btns-group">
                  <li>
                    <Link className="fr-btn" to="/contribuer/proposer">
                      Proposer une ressource
                    </Link>
                  </li>
                  <li>
                    <Link className="fr-btn" to="/faq">
                      Questions fréquentes
                    </Link>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}
