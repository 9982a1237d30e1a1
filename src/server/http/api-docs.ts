import { escapeHtml } from '../platform/html.ts';

// A reference page for /api/openapi.json rendered on the server: no JavaScript, no CDN, works offline.
interface OpenApiOperation {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

type OpenApiDocument = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
};

export function renderApiDocs(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Other';
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<code>${escapeHtml(p.name)}</code> <small>(${p.in}${p.required ? ', required' : ''})</small>`,
        )
        .join(', ');
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const body = schema
        ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`
        : '';
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><b>${code}</b> ${escapeHtml(r.description ?? '')}</li>`)
        .join('');
      const item = `<article><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3><p>${escapeHtml(op.summary ?? '')}</p>${params ? `<p>Parameters: ${params}</p>` : ''}${body}<ul>${responses}</ul></article>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), item]);
    }
  }
  const sections = [...byTag.entries()]
    .map(
      ([tag, items]) =>
        `<section id="${escapeHtml(tag)}"><h2>${escapeHtml(tag)}</h2>${items.join('')}</section>`,
    )
    .join('');
  const nav = [...byTag.keys()]
    .map((tag) => `<a href="#${escapeHtml(tag)}">${escapeHtml(tag)}</a>`)
    .join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(doc.info.title)} API reference</title><style>body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#111827}h2{border-bottom:1px solid #e5e7eb;padding-bottom:4px;margin-top:40px}article{border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:12px 0}h3{font-size:15px;margin:0 0 6px}.m{display:inline-block;min-width:60px;font-size:12px;padding:2px 6px;border-radius:4px;color:#fff;background:#6b7280;text-align:center}.get{background:#2563eb}.post{background:#16a34a}.patch,.put{background:#d97706}.delete{background:#dc2626}pre{background:#f9fafb;padding:8px;overflow:auto;font-size:12px}ul{margin:6px 0;padding-left:20px;font-size:14px}</style></head><body><h1>${escapeHtml(doc.info.title)} API <small>${escapeHtml(doc.info.version)}</small></h1><p>${escapeHtml(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1)</p><nav>${nav}</nav>${sections}</body></html>`;
}
