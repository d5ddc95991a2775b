/**
 * The API reference page: the OpenAPI document rendered as one self-contained HTML page (no scripts,
 * no external assets), grouped by context, with each operation's parameters, body and answer schemas,
 * error codes and who may call it.
 */
import { escapeXml as html } from '../shared/xml.js';
import type { OpenApiDocument } from './openapi.js';

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters: { name: string; in: string; required: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  'x-error-codes': string[];
  'x-scopes'?: string[];
}

const json = (value: unknown) => `<pre>${html(JSON.stringify(value, null, 2))}</pre>`;

function access(operation: Operation): string {
  if (operation.security.length === 0) return 'public';
  const parts = [operation.security.some((entry) => Object.keys(entry).length === 0) ? 'guests or signed-in users' : 'signed-in users'];
  if (operation['x-scopes']?.length) parts.push(`machine clients with ${operation['x-scopes'].join(' or ')}`);
  return parts.join('; ');
}

function renderOperation(method: string, path: string, operation: Operation): string {
  const parameters = operation.parameters.length
    ? `<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Description</th></tr>${operation.parameters
        .map((p) => `<tr><td><code>${html(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td>${html(p.description ?? '')}</td></tr>`)
        .join('')}</table>`
    : '';
  const body = operation.requestBody
    ? Object.entries(operation.requestBody.content)
        .map(([type, { schema }]) => `<details><summary>Request body (${html(type)})</summary>${json(schema)}</details>`)
        .join('')
    : '';
  const answers = Object.entries(operation.responses)
    .filter(([status]) => status !== 'default')
    .map(([status, answer]) =>
      answer.content
        ? Object.entries(answer.content)
            .map(([type, { schema }]) => `<details><summary>${status} ${html(answer.description)} (${html(type)})</summary>${json(schema)}</details>`)
            .join('')
        : `<p>${status} ${html(answer.description)}</p>`,
    )
    .join('');
  return `<section id="${html(operation.operationId)}"><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${html(path)}</code></h3>
<p>${html(operation.summary)}</p><p class="meta">Access: ${html(access(operation))}</p>${parameters}${body}${answers}
<p class="meta">Error codes: ${operation['x-error-codes'].map((code) => `<code>${html(code)}</code>`).join(' ')}</p></section>`;
}

export function renderReference(document: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const operation = raw as Operation;
      const tag = operation.tags[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, operation)]);
    }
  }
  const tags = [...byTag.keys()].sort();
  const schemas = Object.entries(document.components.schemas)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, schema]) => `<details id="schema-${html(name)}"><summary><code>${html(name)}</code></summary>${json(schema)}</details>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(document.info.title)} reference</title><style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:1rem;line-height:1.4;color:#1d2330}
nav a{margin-right:.75rem}section{border-top:1px solid #d8dce3;padding:.5rem 0}pre{background:#f4f6f9;padding:.5rem;overflow:auto;font-size:.8rem}
.method{display:inline-block;min-width:4.5rem;font-size:.8rem;padding:.1rem .3rem;border-radius:3px;background:#e3e8f0}.get{background:#dcefe1}.post{background:#dfe9f7}.put,.patch{background:#f7efd9}.delete{background:#f7dcdc}
.meta{color:#4a5263;font-size:.9rem}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #d8dce3;padding:.2rem .4rem;text-align:left}code{overflow-wrap:anywhere}
</style></head><body><h1>${html(document.info.title)} <small>${html(document.info.version)}</small></h1>
<p>${html(document.info.description)}</p><p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1) · <a href="asyncapi.json">asyncapi.json</a> (AsyncAPI 3.0, queues and events)</p>
<p>Errors are <code>{ "error": { "code", "message", "details"? } }</code>; clients decide by <code>code</code>.</p>
<nav>${tags.map((tag) => `<a href="#tag-${html(tag)}">${html(tag)}</a>`).join('')}<a href="#schemas">schemas</a></nav>
${tags.map((tag) => `<h2 id="tag-${html(tag)}">${html(tag)}</h2>${byTag.get(tag)!.join('\n')}`).join('\n')}
<h2 id="schemas">Schemas</h2>${schemas}</body></html>`;
}
