import { buildInsights } from './index.ts';
import { simulatedWindows } from './sim-fixture.ts';

/** Prints the insights of the simulated incident day: `npx tsx streaming/analyse/insights/demo.ts [seed]`. */
const t0 = performance.now();
const sim = simulatedWindows({ seed: Number(process.argv[2] ?? 7) });
const t1 = performance.now();
const insights = buildInsights(sim.current, sim.baseline, { window: sim.window, baseline: sim.baselineWindow, maxInsights: 5 });
const t2 = performance.now();
console.log(`${sim.current.length} current, ${sim.baseline.length} baseline messages; simulate+enrich ${(t1 - t0).toFixed(0)} ms, insights ${(t2 - t1).toFixed(0)} ms`);
for (const i of insights) {
  console.log(`\n#${i.rank} ${i.id}  priority ${i.priority.score.toFixed(2)}  ${i.priority.formula}`);
  console.log('  ' + i.priority.factors.map((f) => `${f.name}=${f.value.toFixed(2)}`).join('  '));
  console.log('  zh: ' + i.statements.zh);
  console.log('  en: ' + i.statements.en);
  for (const c of i.concentrations) console.log(`  · ${c.dimension}=${c.value} n=${c.count} lift=${c.lift.toFixed(2)} G²=${c.g2.toFixed(1)} (${c.reference})`);
  for (const c of i.focus?.concentrations ?? []) console.log(`  focus ${c.dimension}=${c.value} n=${c.count} share=${c.share.toFixed(2)} exp=${c.expectedShare.toFixed(2)} lift=${c.lift.toFixed(2)} G²=${c.g2.toFixed(1)}`);
  console.log('  keywords: ' + i.keywords.join(', '));
  for (const e of i.examples) console.log(`  > [${e.sentiment}] ${e.text}`);
}
