/** `/alertes`: e-mail alerts on criteria (the page lives in src/components/alerts). */
export { default } from '../components/alerts/AlertsPage.js';
