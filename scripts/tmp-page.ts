import { loadCorpus, loadHoldout, evaluate } from '../test/corpus';
import * as detect from '../lib/detect';
for (const [name, snippets] of [['corpus', loadCorpus()], ['round-3', loadHoldout()]] as const) {
  for (const mode of ['plain', 'page'] as const) {
    const { overall: o } = evaluate(snippets, mode, detect);
    console.log(name, mode, 'tp', o.truePositives, 'fp', o.falsePositives, 'fn', o.falseNegatives, 'P', (o.truePositives / (o.truePositives + o.falsePositives)).toFixed(3), 'R', (o.truePositives / (o.truePositives + o.falseNegatives)).toFixed(3));
  }
}
