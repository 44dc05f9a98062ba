import { describe, expect, it } from 'vitest';
import { mnistCnn, mnistSplit, trainMnistCnn } from '../../src/cli/examples/mnistCnn.js';
import {
  SEQUENCE_LENGTH,
  buildVocabulary,
  encode,
  messageText,
  spamLstm,
  tokenize,
} from '../../src/cli/examples/spamLstm.js';

/** The nn examples' pieces on tiny inputs (the full runs are too slow for the unit suite on the reference backend). */

describe('nn examples (src/cli/examples)', () => {
  it('mnistCnn trains on a few real digits and reports accuracy and a confusion matrix', async () => {
    expect(mnistCnn().countParams()).toBe(34826);
    const r = await trainMnistCnn({ epochs: 1, trainSize: 64, testSize: 32, verbose: 0 });
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(32);
    // The reported accuracy is the confusion matrix's diagonal share.
    const diagonal = r.confusion.reduce((sum, row, i) => sum + (row[i] as number), 0);
    expect(r.accuracy).toBeCloseTo(diagonal / 32, 12);
  });

  it("mnistSplit standardizes both parts with the training part's mean and standard deviation", async () => {
    const moments = (v: ArrayLike<number>): [number, number] => {
      let s = 0;
      let q = 0;
      for (let i = 0; i < v.length; i++) {
        s += v[i] as number;
        q += (v[i] as number) ** 2;
      }
      const mean = s / v.length;
      return [mean, Math.sqrt(q / v.length - mean * mean)];
    };
    const raw = await mnistSplit(500, 200, 3, false);
    const std = await mnistSplit(500, 200, 3);
    const [mean, sd] = moments(raw.train.x.data);
    expect(raw.train.x.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    const [m, s] = moments(std.train.x.data);
    expect(m).toBeCloseTo(0, 5);
    expect(s).toBeCloseTo(1, 5);
    // The test part gets the training statistics, not its own: its values are the raw ones mapped the same way.
    for (const i of [0, 1000, 50_000, std.test.x.size - 1]) {
      expect(std.test.x.data[i]).toBeCloseTo(((raw.test.x.data[i] as number) - mean) / sd, 4);
    }
    expect([...std.test.y.data]).toEqual([...raw.test.y.data]);
  });

  it('spamLstm keeps the subject and body, drops routing headers, and tokenises words', () => {
    const raw = 'From: a@b.c\nSubject: Cheap PILLS now\nReceived: x\n\nHello  World, it works!';
    expect(tokenize(messageText(raw))).toEqual(['cheap', 'pills', 'now', 'hello', 'world', 'it', 'works']);
  });

  it('spamLstm maps frequent words to ids 2…, unknown to 1, and left-pads to 50 tokens', () => {
    const docs = [
      ['b', 'a', 'b'],
      ['a', 'c', 'b'],
    ];
    const vocab = buildVocabulary(docs, 4);
    expect([...vocab.entries()]).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
    const ids = encode([['a', 'zzz'], Array.from({ length: 60 }, () => 'b')], vocab);
    expect([...ids.shape]).toEqual([2, SEQUENCE_LENGTH]);
    expect(Array.from(ids.data.slice(SEQUENCE_LENGTH - 3, SEQUENCE_LENGTH))).toEqual([0, 3, 1]);
    expect(Array.from(ids.data.slice(SEQUENCE_LENGTH)).every((v) => v === 2)).toBe(true);
    expect(spamLstm(100).countParams()).toBe(100 * 64 + 98816 + 131584 + 258);
  });
});
