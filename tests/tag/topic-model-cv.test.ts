import { describe, expect, it } from 'vitest';
import { crossValidateFiles } from '../../scripts/cv.ts';

// The train split only (scripts/cv.ts never reads the test split). Training is seeded, so these
// figures are exact for the files of this commit. The shipped options of round 6 are passed
// explicitly (the naive-Bayes offset 0.7 of round 5, borrowed weights for the 20,000 most
// frequent words of the word vectors: docs/tagging.md, round 6), so that the test holds them
// whatever the defaults become. They gave 89.45% / 88.51% at seed 13 and 89.40% / 88.35% at
// seed 7; with hyphenated phrases matched too (same round) 89.4% / 88.39% and 89.29% / 88.31%
// (noise); without borrowed weights (round 5's model) 88.7% / 87.97% and 88.8% / 87.77%, below
// these floors. Labelled stories added later move them: re-measure with
// `npx tsx scripts/cv.ts --nested` and lower a floor only with a reason in docs/tagging.md.
// Round 9 (corpus-m … corpus-p, 233 more train stories, 1,402 in all): 89.7% / 88.83% at seed 13,
// 89.5% / 88.66% at seed 7, so the floors went up from 0.88 / 0.87 to 0.89 / 0.88; with
// corpus-q … corpus-t (written for the weakest topics, 1,641 train stories) 89.2% / 88.41% and
// 89.2% / 88.45%. Round 9's model keeps only features of three or more train stories (the rest
// borrow their neighbours' weights) and halves L2 (0.0005): 89.7% / 89.00% and 89.7% / 88.88%,
// so the floors go to 0.895 / 0.885. Round 10 (corpus-u … corpus-x, 232 more train stories, 1,873
// in all, many at the topics' borders): 89.4% / 88.75% at seed 13, 89.5% / 88.70% at seed 7, with
// L2, the naive-Bayes offset and the borrowing measured again and no better (docs/tagging.md):
// the out-of-fold floor went back to 0.89. A third topic only for a story read by paragraph
// (model.ts topicCap; a cap of two for all: 89.6% / 88.95% and 89.6% / 88.98%): 89.8% / 89.18%
// and 89.8% / 89.08%, so the floors go to 0.895 / 0.89. Round 11 (corpus-y … corpus-zb, 240 more
// train stories, 2,113 in all): 89.7% / 89.18% at seed 13, 89.9% / 89.28% at seed 7; floors kept.
// Round 12 (corpus-zc, corpus-zd: 123 more train stories on the weakest topics and the hardest
// boundaries, 2,236 in all): 89.48% / 88.88% and 89.43% / 88.84%, the harder stories weighing on
// the folds while the same 720 test stories went from 88.9% to 89.4%; floors to 0.89 / 0.885.
describe('the topic model with borrowed weights, cross-validated on the train split', () => {
  it.each([13, 7])('should reach an out-of-fold micro-F1 of 0.89 and a nested one of 0.885 at training seed %i', (seed) => {
    const result = crossValidateFiles({ seed, nbOffset: 0.7, embedWords: 20_000, embedTransfer: 4, embedK: 10, minCount: 3, l2: 0.0005 }, 'eval', 'data', true);
    expect(result.microF1).toBeGreaterThanOrEqual(0.89);
    expect(result.nestedMicroF1).toBeGreaterThanOrEqual(0.885);
    // Cuts never seen by their fold flatter less than cuts fitted on the scores they count.
    expect(result.nestedMicroF1).toBeLessThan(result.microF1);
  }, 300_000);
});
