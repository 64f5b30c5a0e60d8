/** lunr with the French pipeline (trimmer, stop words, accent folding, Snowball stemmer), in Node. */
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import french from 'lunr-languages/lunr.fr.js';

let ready = false;

export function frenchLunr(): typeof lunr {
  if (!ready) {
    if (!('fr' in lunr)) {
      stemmerSupport(lunr);
      french(lunr);
    }
    ready = true;
  }
  return lunr;
}
