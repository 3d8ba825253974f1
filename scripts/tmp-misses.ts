import { loadHoldout, loadCorpus } from '../test/corpus';
import { findPorts } from '../lib/detect';
const which = process.argv[2] ?? 'holdout';
const only = process.argv[3];
const snippets = (which === 'holdout' ? loadHoldout() : loadCorpus()).filter((s) => !only || s.category === only);
let tp = 0, fp = 0, fnn = 0;
for (const s of snippets) {
  const found = findPorts(s.text);
  const fn = s.expected.filter((e) => !found.some((f) => f.start === e.start && f.end === e.end));
  const fps = found.filter((f) => !s.expected.some((e) => f.start === e.start && f.end === e.end));
  tp += s.expected.length - fn.length; fnn += fn.length; fp += fps.length;
  if (fn.length || fps.length) console.log(`--- ${s.file}:${s.line} ${s.note}  FN ${fn.map((e) => e.port).join(',')}  FP ${fps.map((f) => f.port).join(',')}`);
}
console.log(`tp ${tp} fp ${fp} fn ${fnn} P ${(tp / (tp + fp)).toFixed(3)} R ${(tp / (tp + fnn)).toFixed(3)}`);
