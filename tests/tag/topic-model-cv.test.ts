import { describe, expect, it } from 'vitest';
import { crossValidateFiles } from '../../scripts/cv.ts';

// The train split only (scripts/cv.ts never reads the test split). Training is seeded, so these
// figures are exact for the files of this commit; the floors sit below round 5's figures and
// above round 4's (88.4% / 87.46% at seed 13, 88.3% / 87.15% at seed 7), so they fail if the
// NB offset or the nested calibration goes. Labelled stories added later move them: re-measure
// with `npx tsx scripts/cv.ts --nested` and lower a floor only with a reason in docs/tagging.md.
describe('the topic model, cross-validated on the train split', () => {
  it.each([13, 7])('should reach 88.5%% out-of-fold micro-F1 and 87.6%% nested at training seed %i', (seed) => {
    const result = crossValidateFiles({ seed }, 'eval', 'data', true);
    expect(result.microF1).toBeGreaterThanOrEqual(0.885);
    expect(result.nestedMicroF1).toBeGreaterThanOrEqual(0.876);
    // Cuts never seen by their fold flatter less than cuts fitted on the scores they count.
    expect(result.nestedMicroF1).toBeLessThan(result.microF1);
  }, 120_000);
});
