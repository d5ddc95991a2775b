import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Context boundaries of functions/ (issue 14 items 4 and 6a). A context is a folder functions/<context>/;
 * functions/shared/ is the kernel: every context may import it, it imports no context. Across contexts:
 * - never another context's repository (`repository.ts`, `*-repository.ts`), keys module (`keys.ts`,
 *   `*-keys.ts`) or key builder (an imported name ending in `Keys`): items and keys belong to their owner;
 * - no cycle at context level: if A imports B, nothing B imports leads back to A.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const functionsDir = join(root, 'functions');

/**
 * Context edges the cycle check ignores, each with its reason. An entry names the exact file so a new
 * import along the same edge still fails.
 */
const allowedEdges: readonly { readonly file: string; readonly to: string; readonly reason: string }[] = [
  {
    file: 'functions/approvals/service.ts',
    to: 'orders',
    reason:
      'orders → approvals (orders ask for evaluation, decisions and budget releases). GET /companies/{companyId}/approvals is routed by approvals/handler.ts, so pendingApprovals reads the waiting orders through orders.service.listPendingApprovalOrders; goes when that route moves to the orders function or its handler passes the list in',
  },
  {
    file: 'functions/invoices/documents.ts',
    to: 'orders',
    reason:
      'orders → invoices (orders hand invoices an InvoiceOrder). The documents portal of the invoices function lists delivery notes, which live on the orders’ shipments, through orders.service.listOrders; goes when orders record delivery notes with invoices or the handler passes the lister in',
  },
  {
    file: 'functions/cart/handler.ts',
    to: 'punchout',
    reason:
      'punchout → cart (a punchout session fills its cart). The cart handler resolves X-Punchout-Session through punchout.service.punchoutCartScope; handler.ts is outside this change (route contracts); goes when the scope check is passed in by the punchout side',
  },
  {
    file: 'functions/invoices/contract.ts',
    to: 'orders',
    reason:
      'orders → invoices (orders hand invoices an InvoiceOrder). The documents list shows order and shipment status, so the invoices contract reuses orders’ status enums instead of copying them; goes when those enums move to orders/model.ts and invoices read them through the InvoiceOrder',
  },
  {
    file: 'functions/accounts/contract.ts',
    to: 'pricing',
    reason:
      'pricing → accounts (pricing reads the pricing profile). The accounts contract reuses agreementSchema and vatIdEvidenceSchema from pricing/contract.ts; contract files are outside this change; goes when those schemas sit with their types (accounts/model, shared/vies)',
  },
];

interface ImportRef {
  readonly file: string; // posix path relative to the repo root
  readonly specifier: string;
  readonly names: readonly string[];
  readonly from: string; // context of the importing file
  readonly to: string; // context of the imported module
  readonly target: string; // path of the imported module inside its context ("repository.js")
}

// `import … from '…'`, `export … from '…'`, `import '…'` and type-position `import('…')`.
const importPattern = /\b(?:import|export)\s+(?:type\s+)?([^'";]*?)\s*from\s*'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|\bimport\s+'([^']+)'/g;

function contextOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'functions' && parts.length > 2 ? parts[1] : undefined;
}

/** Every cross-context import of the given sources (paths relative to the repo root, posix). */
function crossContextImports(sources: ReadonlyMap<string, string>): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const [file, text] of sources) {
    const from = contextOf(file);
    if (!from) continue;
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[2] ?? match[3] ?? match[4]!;
      if (!specifier.startsWith('.')) continue;
      const resolved = posix.normalize(posix.join(posix.dirname(file), specifier));
      const to = contextOf(resolved);
      if (!to || to === from) continue;
      const clause = match[1] ?? '';
      const names = [...clause.matchAll(/\b([A-Za-z_$][\w$]*)\b/g)].map((name) => name[1]!).filter((name) => !['type', 'as'].includes(name));
      refs.push({ file, specifier, names, from, to, target: resolved.split('/').slice(2).join('/') });
    }
  }
  return refs;
}

const isItemModule = (target: string) => /(^|\/|-)(repository|keys)\.(js|ts)$/.test(target);

/** Imports that reach into another context's items: repositories, keys modules, key builders; and the kernel importing a context. */
function boundaryViolations(refs: readonly ImportRef[]): string[] {
  const problems: string[] = [];
  for (const ref of refs) {
    if (ref.from === 'shared') problems.push(`${ref.file}: the kernel (shared/) imports context ${ref.to} (${ref.specifier})`);
    if (isItemModule(ref.target)) problems.push(`${ref.file}: imports ${ref.to}'s ${ref.target} (${ref.specifier})`);
    if (ref.to === 'shared') continue;
    for (const name of ref.names.filter((candidate) => /Keys$/.test(candidate))) problems.push(`${ref.file}: imports ${ref.to}'s key builder ${name}`);
  }
  return problems;
}

/** Context-level cycles (strongly connected components of two or more contexts), with the imports forming them. */
function contextCycles(refs: readonly ImportRef[], allowed: readonly { file: string; to: string }[] = []): string[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const ref of refs) {
    if (ref.to === 'shared' || allowed.some((entry) => entry.file === ref.file && entry.to === ref.to)) continue;
    const targets = edges.get(ref.from) ?? new Map<string, string[]>();
    targets.set(ref.to, [...(targets.get(ref.to) ?? []), `${ref.file} → ${ref.specifier}`]);
    edges.set(ref.from, targets);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => {
    const inside = component.flatMap((from) =>
      [...(edges.get(from) ?? [])].filter(([to]) => component.includes(to)).map(([to, files]) => `  ${from} → ${to}: ${files.join(', ')}`),
    );
    return [`cycle between ${component.join(', ')}:`, ...inside].join('\n');
  });
}

function sourcesOf(dir: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    sources.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
  }
  return sources;
}

describe('context boundaries', () => {
  const refs = crossContextImports(sourcesOf(functionsDir));

  it('finds the imports it checks (the regex still matches this code base)', () => {
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.some((ref) => ref.from === 'cart' && ref.to === 'catalog')).toBe(true);
  });

  it('no context imports another context’s repository, keys module or key builder; the kernel imports no context', () => {
    expect(boundaryViolations(refs)).toEqual([]);
  });

  it('has no cycle between contexts', () => {
    expect(contextCycles(refs, allowedEdges)).toEqual([]);
  });

  it('keeps every allowed exception in use and explained', () => {
    for (const entry of allowedEdges) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(refs.some((ref) => ref.file === entry.file && ref.to === entry.to)).toBe(true);
    }
  });

  it('detects the violations it is meant to catch', () => {
    const sample = new Map([
      ['functions/a/service.ts', "import { x } from '../b/service.js';\nimport { itemKeys, type Item } from '../b/model.js';"],
      ['functions/b/service.ts', "import type { Y } from '../c/rules.js';"],
      ['functions/b/admin.ts', "import { find } from '../c/admin-repository.js';"],
      ['functions/c/rules.ts', "export type Z = import('../a/model.js').Z;"],
      ['functions/shared/money.ts', "import { rate } from '../pricing/rules.js';"],
      ['functions/d/service.ts', "import { y } from '../a/service.js';\nimport { z } from './repository.js';"],
    ]);
    const sampleRefs = crossContextImports(sample);
    expect(boundaryViolations(sampleRefs)).toEqual([
      "functions/a/service.ts: imports b's key builder itemKeys",
      "functions/b/admin.ts: imports c's admin-repository.js (../c/admin-repository.js)",
      'functions/shared/money.ts: the kernel (shared/) imports context pricing (../pricing/rules.js)',
    ]);
    const cycles = contextCycles(sampleRefs);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatch(/^cycle between a, b, c:/);
    expect(contextCycles(sampleRefs, [{ file: 'functions/c/rules.ts', to: 'a' }])).toEqual([]);
  });
});
