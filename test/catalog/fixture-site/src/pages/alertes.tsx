/** The portal's alerts page, in the fixture site (browser test of alerts). */
export { default } from '../../../../../src/components/alerts/AlertsPage.js';
