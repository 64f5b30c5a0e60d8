import { describe, expect, it } from 'vitest';
import { checkEntry } from '../../../test/helpers/check.js';
import { edit, fixture } from '../../../test/helpers/tree.js';

const PRACTICE = 'content/practices/distribution/epicerie-solidaire-mobile.md';
const practice = fixture('valide', PRACTICE);
const TRAINING = 'content/trainings/accueil-digne.yaml';

describe('texte-balisage', () => {
  it('accepts plain text, « < 5 ans », « a<b » written with spaces, and markup in the Markdown body (judged by other rules)', () => {
    expect(
      checkEntry(PRACTICE, edit(practice, /^titre: .*$/m, 'titre: "Enfants < 5 ans, budget <= 100 € et 3 > 2"')),
    ).toEqual([]);
  });

  it('refuses tags in the title and the summary, at the field', () => {
    const text = edit(
      edit(practice, /^titre: .*$/m, 'titre: "</script><script>alert(123)</script>"'),
      /^resume: .*$/m,
      'resume: "Voir <img src=x onerror=alert(1)> et <!-- x --> <?php ?>"',
    );
    expect(checkEntry(PRACTICE, text)).toMatchInlineSnapshot(`
      [
        "content/practices/distribution/epicerie-solidaire-mobile.md:3:8  texte-balisage  Le champ « titre » contient « </ », un début de balise HTML : ce champ est du texte simple. → Retirez la balise ; pour « inférieur à », mettez une espace après « < » (par exemple « < 5 ans »).",
        "content/practices/distribution/epicerie-solidaire-mobile.md:4:9  texte-balisage  Le champ « resume » contient « <i », un début de balise HTML : ce champ est du texte simple. → Retirez la balise ; pour « inférieur à », mettez une espace après « < » (par exemple « < 5 ans »).",
      ]
    `);
  });

  it('looks into nested plain-text fields too', () => {
    const training = fixture('valide', TRAINING);
    const lines = checkEntry(TRAINING, edit(training, /^titre: .*$/m, 'titre: "<b>Formation</b>"'));
    expect(lines.map((l) => l.split('  ')[1])).toEqual(['texte-balisage']);
  });
});
