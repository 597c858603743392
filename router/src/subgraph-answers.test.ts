import { describe, expect, it } from 'vitest';
import { SubgraphAnswers, type SubgraphAnswer } from './subgraph-answers.js';

const answer = (calls: number): SubgraphAnswer => ({ status: 200, cacheControl: null, graphql: { data: { calls } }, dataText: undefined });

describe('SubgraphAnswers', () => {
  it('replays recorded answers in the order they were fetched, per subgraph and body', async () => {
    const answers = new SubgraphAnswers();
    let fetched = 0;
    const fetch = async () => answer(++fetched);
    await answers.answer('orders', 'a', fetch);
    await answers.answer('orders', 'a', fetch);
    answers.replay(false);
    expect(await answers.answer('orders', 'a', fetch)).toEqual(answer(1));
    expect(await answers.answer('orders', 'a', fetch)).toEqual(answer(2));
    expect(fetched).toBe(2);
  });

  it("fetches what a query's replay asks that was not recorded, and refuses it in a mutation's", async () => {
    for (const refuseUnrecorded of [false, true]) {
      const answers = new SubgraphAnswers();
      let fetched = 0;
      const fetch = async () => answer(++fetched);
      await answers.answer('orders', 'a', fetch);
      answers.replay(refuseUnrecorded);
      const unrecorded = answers.answer('orders', 'b', fetch);
      if (refuseUnrecorded) await expect(unrecorded).rejects.toThrow(/not sent/);
      else expect(await unrecorded).toEqual(answer(2));
      expect(fetched).toBe(refuseUnrecorded ? 1 : 2);
    }
  });
});
