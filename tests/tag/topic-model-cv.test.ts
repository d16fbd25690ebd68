import { describe, expect, it } from 'vitest';
import { crossValidateFiles } from '../../scripts/cv.ts';

// The train split only (scripts/cv.ts never reads the test split). Training is seeded, so these
// figures are exact for the files of this commit. Round 5's naive-Bayes offset (0.7, the shipped
// default) is passed explicitly, so that the test holds it whatever the default becomes
// (docs/tagging.md, round 5). Without it (round 4's model) the figures are 88.4% / 87.46% at seed
// 13 and 88.3% / 87.15% at seed 7, below these floors. Labelled stories added later move them:
// re-measure with `npx tsx scripts/cv.ts --nested --set nbOffset=0.7` and lower a floor only with
// a reason in docs/tagging.md.
describe('the topic model with the naive-Bayes offset, cross-validated on the train split', () => {
  it.each([13, 7])('should reach an out-of-fold micro-F1 of 0.885 and a nested one of 0.876 at training seed %i', (seed) => {
    const result = crossValidateFiles({ seed, nbOffset: 0.7 }, 'eval', 'data', true);
    expect(result.microF1).toBeGreaterThanOrEqual(0.885);
    expect(result.nestedMicroF1).toBeGreaterThanOrEqual(0.876);
    // Cuts never seen by their fold flatter less than cuts fitted on the scores they count.
    expect(result.nestedMicroF1).toBeLessThan(result.microF1);
  }, 120_000);
});
