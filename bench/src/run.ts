// `pnpm bench`: the eight benchmarks, printed as tables and written to results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ensurePackagesBuilt } from './builtPackages';

ensurePackagesBuilt();
// Loaded after the build: they import the packages' dist.
const { runSuite } = await import('./suite');
const { runBackendSuite } = await import('./backend/backendSuite');
const { evaluateBackendBudgets, evaluateBudgets } = await import('./budgets');
const { budgetTable } = await import('./reportTables');
const { formatTable } = await import('./table');

const started = performance.now();
const results = await runSuite('bench');
const backend = await runBackendSuite();
const budgets = [...evaluateBudgets(results), ...evaluateBackendBudgets(backend)];
console.log(formatTable(budgetTable(budgets)));

const resultsDir = new URL('../results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const file = new URL('latest.json', resultsDir);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      environment: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        loadAverage: loadavg(),
      },
      durationMs: Math.round(performance.now() - started),
      ...results,
      ...backend,
      budgets,
    },
    null,
    2,
  )}\n`,
);
const broken = budgets.filter((budget) => !budget.ok);
console.log(
  `${budgets.length - broken.length} of ${budgets.length} targets met${broken.length > 0 ? `; not met: ${broken.map((b) => `${b.section}: ${b.name}`).join('; ')}` : ''}.`,
);
console.log(`Results written to ${file.pathname}.`);
