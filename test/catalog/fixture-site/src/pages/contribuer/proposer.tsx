/** The portal's form page, in the fixture site: entry pages link to it (« Proposer une modification »). */
export { default } from '../../../../../../src/pages/contribuer/proposer.js';
