import { ValueError } from '../errors/errors.js';
import { checkLabels, checkLength, uniqueLabels } from '../estimators/base/labels.js';
import { registerEstimator } from '../estimators/base/persistence.js';
import { integer } from '../estimators/base/validators.js';
import {
  BaseSplitter,
  type Split,
  type SplitData,
  type SplitLabels,
  complementSplit,
  sampleCount,
} from './Splitter.js';

/** Options of GroupKFold. */
export interface GroupKFoldOptions {
  /** Number of folds, at least 2; default 5. */
  nSplits?: number;
}

/**
 * K-fold cross-validation with non-overlapping groups (scikit-learn's `GroupKFold`): a group's samples are all in
 * the same test fold. Groups are dealt largest first to the fold with the fewest samples so far, so folds have
 * nearly equal sizes. Deterministic.
 */
export class GroupKFold extends BaseSplitter<GroupKFoldOptions> {
  static override readonly className: string = 'GroupKFold';
  static override readonly spec = { nSplits: integer(2, Infinity) };
  static override readonly defaults = { nSplits: 5 };

  /**
   * @param groups one group id per sample (required)
   * @throws ValueError when groups are missing or fewer than nSplits
   */
  split(X: SplitData, _y?: SplitLabels, groups?: SplitLabels): Split[] {
    const where = 'GroupKFold.split';
    if (groups === undefined) throw new ValueError(`${where}: "groups" is required (one group id per sample).`);
    const n = sampleCount(X);
    const ids = checkLabels(groups, where, 'groups');
    checkLength(ids, n, where, 'groups', 'group ids');
    const unique = uniqueLabels(ids);
    const k = this.params.nSplits;
    if (k > unique.length) {
      throw new ValueError(
        `${where}: cannot have nSplits = ${k} greater than the number of groups (${unique.length}).`,
        {
          nSplits: k,
          nGroups: unique.length,
        },
      );
    }
    const position = new Map(unique.map((g, i) => [g, i]));
    const code = ids.map((g) => position.get(g) as number);
    const size = new Array<number>(unique.length).fill(0);
    for (const c of code) size[c] = (size[c] as number) + 1;
    // np.argsort(sizes)[::-1]: ascending (stable), then reversed, so equal sizes go in descending group order
    const order = Array.from(unique, (_, i) => i)
      .sort((a, b) => (size[a] as number) - (size[b] as number) || a - b)
      .reverse();
    const foldWeight = new Array<number>(k).fill(0);
    const foldOf = new Array<number>(unique.length).fill(0);
    for (const g of order) {
      let lightest = 0;
      for (let f = 1; f < k; f++) if ((foldWeight[f] as number) < (foldWeight[lightest] as number)) lightest = f;
      foldWeight[lightest] = (foldWeight[lightest] as number) + (size[g] as number);
      foldOf[g] = lightest;
    }
    const out: Split[] = [];
    for (let f = 0; f < k; f++) {
      const test: number[] = [];
      for (let i = 0; i < n; i++) if (foldOf[code[i] as number] === f) test.push(i);
      out.push(complementSplit(n, test));
    }
    return out;
  }

  getNSplits(): number {
    return this.params.nSplits;
  }
}

registerEstimator(GroupKFold);
