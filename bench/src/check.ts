// `pnpm bench:check`: the machine-independent budgets (counts, bytes, ratios); exits non-zero if one is broken.
import { ensurePackagesBuilt } from './builtPackages';

ensurePackagesBuilt();
// Loaded after the build: they import the packages' dist.
const { runSuite } = await import('./suite');
const { runBackendSuite } = await import('./backend/backendSuite');
const { evaluateBackendBudgets, evaluateBudgets } = await import('./budgets');
const { budgetTable } = await import('./reportTables');
const { formatTable } = await import('./table');

const started = performance.now();
const budgets = evaluateBudgets(await runSuite('check'));
budgets.push(...evaluateBackendBudgets(await runBackendSuite()));
console.log(formatTable(budgetTable(budgets)));
const broken = budgets.filter((budget) => !budget.ok);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (broken.length > 0) {
  console.error(`bench:check: ${broken.length} budget(s) broken (${seconds} s):`);
  for (const budget of broken) {
    console.error(
      `  - ${budget.section}: ${budget.name}: measured ${budget.measured}, limit ${budget.limit}`,
    );
  }
  process.exitCode = 1;
} else {
  console.log(`bench:check: all ${budgets.length} budgets kept (${seconds} s).`);
}
