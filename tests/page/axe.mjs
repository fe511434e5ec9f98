// axe-core (npm dev dependency) in the page tests: `axeViolations(page)` injects axe into a page
// and runs it over the whole document (open shadow roots included), every rule of every impact
// level; `assertAxeClean(page, view)` fails listing each violation's rule id, impact and targets.
//
// Why injected through page.evaluate and not a <script> tag: the pages under test forbid inline
// and foreign scripts by their CSP, and must keep doing so in the tests. Code evaluated over the
// DevTools protocol is not subject to the page's CSP, so axe runs on the page exactly as shipped.
//
// A rule may be left out of a view only with the reason it cannot apply there (`allowed`: rule id
// → reason); the reasons are printed with the result, so that they stay visible and reviewed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let source = null;

/** axe-core's browser bundle (read once). Throws saying what to run when it is not installed. */
function axeSource() {
  if (source) return source;
  try {
    source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  } catch (err) {
    throw new Error(`cannot load axe-core (run npm ci): ${err.message}`);
  }
  return source;
}

/**
 * The axe violations of the page as it is now: [{ id, impact, help, targets: [selector…] }].
 * `disabled`: rule ids not run (each must have a reason, see assertAxeClean).
 */
export async function axeViolations(page, disabled = []) {
  const has = await page.evaluate(() => typeof window.axe?.run === 'function');
  if (!has) await page.evaluate(axeSource());
  // Let pending frames paint (colour contrast reads the rendered colours).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(async (off) => {
    const rules = Object.fromEntries(off.map((id) => [id, { enabled: false }]));
    const r = await window.axe.run(document, { resultTypes: ['violations'], rules });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.flat().join(' >> ')),
      summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 3).join(' ') ?? '',
    }));
  }, disabled);
}

/** One line per violation: `id (impact, n): target, target… — first node's failure summary`. */
export function formatViolations(list) {
  return list
    .map((v) => {
      const shown = v.targets.slice(0, 6).join(' | ');
      const more = v.targets.length > 6 ? ` | … ${v.targets.length - 6} more` : '';
      return `${v.id} (${v.impact}, ${v.targets.length}): ${shown}${more} — ${v.summary}`;
    })
    .join('\n       ');
}

/**
 * Throws when axe finds any violation in `page` (`view` names the state in the message).
 * `allowed`: { ruleId: 'why it cannot apply here' }: those rules are not run in this view.
 */
export async function assertAxeClean(page, view, allowed = {}) {
  for (const [id, why] of Object.entries(allowed)) {
    if (!why || why.length < 20) throw new Error(`${view}: rule ${id} is left out without a reason`);
  }
  const list = await axeViolations(page, Object.keys(allowed));
  if (!list.length) return;
  const err = new Error(`axe: ${list.length} violation type(s) in ${view}:\n       ${formatViolations(list)}`);
  err.stack = err.message; // where in the test it failed says nothing more than the view does
  throw err;
}
