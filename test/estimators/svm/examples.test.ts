import { describe, expect, it } from 'vitest';
import { decisionBoundary2d } from '../../../examples/svm/decisionBoundary2d.js';

describe('examples/svm', () => {
  it('decisionBoundary2d returns the decision values on a grid, the margins and the support vectors', () => {
    const b = decisionBoundary2d({ C: 10, gamma: 2 }, 25);
    expect(b.xs).toHaveLength(25);
    expect(b.values).toHaveLength(25);
    expect(b.values[0]).toHaveLength(25);
    expect(b.levels).toEqual({ boundary: 0, margins: [-1, 1] });
    expect(b.supportVectors.length).toBe(b.support.length);
    expect(b.dualCoef).toHaveLength(b.support.length);
    b.support.forEach((i, s) => expect(b.supportVectors[s]).toEqual(b.X[i]));
    expect(b.accuracy).toBeGreaterThan(0.95);
    // the grid crosses the boundary: both signs appear
    const flat = b.values.flat();
    expect(Math.min(...flat)).toBeLessThan(-1);
    expect(Math.max(...flat)).toBeGreaterThan(1);
  });
});
