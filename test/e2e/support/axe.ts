/**
 * axe-core in a Playwright page: the WCAG 2.x A and AA rules run against what the page shows
 * right now, and the violations as lines a person can act on (rule, impact, the element and
 * axe's own summary of what is wrong with it).
 *
 * axe.source goes in through page.evaluate (the DevTools protocol), not a <script> tag: the
 * app's Content-Security-Policy refuses inline scripts, and it must stay on while we audit.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar issue 9 sets ("readable contrast", labels, roles). */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

/** What fails the audit. Moderate and minor findings are reported but do not fail it. */
export const BLOCKING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

export interface AuditFinding {
  readonly rule: string;
  readonly impact: ImpactValue | null;
  readonly help: string;
  /** One line per offending element: its selector and axe's explanation. */
  readonly nodes: readonly string[];
}

export interface AuditResult {
  /** The name the caller gave this view (for the messages). */
  readonly view: string;
  readonly blocking: readonly AuditFinding[];
  readonly other: readonly AuditFinding[];
}

/** The serializable part of an axe violation, as it comes back from the page. */
interface RawViolation {
  readonly id: string;
  readonly impact: ImpactValue | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary: string }[];
}

/**
 * Findings about one element that axe cannot judge, each proved otherwise by a test of its own.
 * The message list's rows sit in a row group that scrolls inside the grid (role=grid,
 * tabindex=0, aria-activedescendant); the grid takes the keys (arrows, Page Up/Down, Home/End)
 * and scrolls that row group, but axe only sees a scrolling element that is neither focusable
 * nor holds a focusable element. accessibility.test.ts "scrolls the message list from the
 * keyboard" shows the keys reach it. Nothing else is set aside.
 */
const PROVED_ELSEWHERE: readonly { readonly rule: string; readonly target: string }[] = [{ rule: 'scrollable-region-focusable', target: '.grid-body' }];

function withoutProvedElsewhere(result: RawViolation): RawViolation {
  const nodes = result.nodes.filter((node) => !PROVED_ELSEWHERE.some((p) => p.rule === result.id && node.target.length === 1 && node.target[0] === p.target));
  return { ...result, nodes };
}

function finding(result: RawViolation): AuditFinding {
  return {
    rule: result.id,
    impact: result.impact,
    help: result.help,
    nodes: result.nodes.map((node) => `${node.target.join(' ')} — ${node.failureSummary.replace(/\s*\n\s*/g, '; ')}`),
  };
}

/**
 * Runs axe on the whole page. Frames are left out: the only frame the window has is a message's
 * sandboxed HTML body, whose markup is the sender's, not the app's.
 */
export async function auditPage(page: Page, view: string): Promise<AuditResult> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { runOnly: { type: 'tag', values: [...WCAG_AA_TAGS] }, iframes: false, resultTypes: ['violations'] };
  const results: RawViolation[] = await page.evaluate(async (runOptions) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    const run = await axe.run(document, runOptions);
    // Only the serializable part crosses back to Node.
    return run.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary ?? '' })) }));
  }, options);
  const all = results.map(withoutProvedElsewhere).filter((r) => r.nodes.length > 0).map(finding);
  return {
    view,
    blocking: all.filter((f) => f.impact !== null && BLOCKING_IMPACTS.includes(f.impact)),
    other: all.filter((f) => f.impact === null || !BLOCKING_IMPACTS.includes(f.impact)),
  };
}

/** The findings as a readable block for a failure message or the log. */
export function describeFindings(view: string, findings: readonly AuditFinding[]): string {
  if (findings.length === 0) return `${view}: none`;
  return [`${view}:`, ...findings.flatMap((f) => [`  [${f.impact ?? 'unknown'}] ${f.rule}: ${f.help}`, ...f.nodes.map((n) => `      ${n}`)])].join('\n');
}
