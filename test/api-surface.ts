import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { Database } from '../src/server/platform/db.ts';
import { json, type TestApp } from './harness.ts';

// Helpers for the tests that walk the whole API: the route list comes from /api/openapi.json, so a
// route added later is covered without editing the tests.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface ApiOperation {
  method: string;
  /** The templated path as the document gives it, e.g. /api/v1/workspaces/{workspaceId}. */
  path: string;
  pathParams: string[];
  queryParams: OpenApiParameter[];
  /** Query parameters that name a row (`?workspaceId=`): as much a way into a tenant as a path id. */
  idQueryParams: string[];
  bodySchema?: JsonSchema;
  /** The document lists no security for it: anyone may call it. */
  isPublic: boolean;
  label: string;
}

const httpMethods = new Set(['get', 'post', 'put', 'patch', 'delete']);

export async function loadApiOperations(
  t: TestApp,
): Promise<{ doc: OpenApiDocument; operations: ApiOperation[] }> {
  const response = await t.call('GET', '/api/openapi.json');
  if (response.status !== 200) throw new Error(`openapi.json answered ${response.status}`);
  const doc = (await response.json()) as OpenApiDocument;
  const operations: ApiOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      if (!httpMethods.has(method)) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
        queryParams: parameters.filter((p) => p.in === 'query'),
        idQueryParams: parameters
          .filter((p) => p.in === 'query' && /(^id|Id)$/.test(p.name))
          .map((p) => p.name),
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        isPublic: !op.security || op.security.length === 0,
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return { doc, operations };
}

/** An id no row has, for a path parameter a test has no real value for. */
export const unknownId = '00000000-0000-4000-8000-00000000dead';

/** Fills {param} placeholders; a parameter the values do not name gets `unknownId`. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? unknownId));
}

export function resolveSchema(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolveSchema(target, doc);
}

export function schemaType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  if (schema.type) return schema.type;
  return schema.properties ? 'object' : undefined;
}

function stringExample(schema: JsonSchema): string {
  switch (schema.format) {
    case 'email':
      return 'someone.else@example.com';
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return '2024-01-31';
    case 'uri':
    case 'url':
      return 'https://example.com/';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? 1000;
  if (schema.pattern) {
    const arbitrary = fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= min && s.length <= max);
    return fc.sample(arbitrary, { numRuns: 1, seed: 7 })[0] as string;
  }
  return 'example'.padEnd(min, 'x').slice(0, max);
}

/** A plausible valid value: the schema's own example or default first, then one built from its type. */
export function exampleOf(input: JsonSchema, doc: OpenApiDocument): unknown {
  const schema = resolveSchema(input, doc);
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const chosen = variants.find((v) => schemaType(resolveSchema(v, doc)) !== 'null') ?? variants[0];
    return chosen ? exampleOf(chosen, doc) : null;
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, doc)));
  switch (schemaType(schema)) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [key, exampleOf(value, doc)]),
      );
    case 'array':
      return schema.items
        ? Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => exampleOf(schema.items!, doc))
        : [];
    case 'string':
      return stringExample(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    default:
      return null;
  }
}

// Every table of the public schema (row count and a hash of every row) plus Herald's queued jobs: a
// refused request must leave all of it as it was.
export type DbSnapshot = Record<string, string>;

const tableLists = new WeakMap<Database, string[]>();

async function rowsOf<T>(db: Database, query: string): Promise<T[]> {
  const result = (await db.execute(sql.raw(query))) as unknown as { rows: T[] };
  return result.rows;
}

async function publicTables(db: Database): Promise<string[]> {
  let tables = tableLists.get(db);
  if (!tables) {
    const rows = await rowsOf<{ name: string }>(
      db,
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    );
    tables = rows.map((row) => row.name);
    tableLists.set(db, tables);
  }
  return tables;
}

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** With `mentioning`, only the rows whose text contains one of those strings (someone else's data). */
export async function snapshotDatabase(
  db: Database,
  options: { mentioning?: string[] } = {},
): Promise<DbSnapshot> {
  const filter = options.mentioning?.length
    ? `where ${options.mentioning.map((m) => `strpos(x::text, ${quoteLiteral(m)}) > 0`).join(' or ')}`
    : '';
  // Every API-key request counts an `api_calls` unit before the route runs, refused or not: metering
  // of the request itself, not a write by the route, so that counter is left out.
  const exclude = (table: string) =>
    table === 'usage_counters'
      ? `${filter ? `${filter.replace(/^where /, 'where (')}) and` : 'where'} x.unit <> 'api_calls'`
      : filter;
  const parts = (await publicTables(db)).map(
    (table) =>
      `select ${quoteLiteral(table)} as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as state from public.${JSON.stringify(table)} x ${exclude(table)}`,
  );
  if (!options.mentioning) {
    parts.push(
      "select 'pgboss.job:' || name, count(*)::text || ':' || md5(string_agg(id::text || state::text, ',' order by id)) from pgboss.job where name not like '\\_\\_%' group by name",
    );
  }
  const rows = await rowsOf<{ name: string; state: string }>(db, parts.join(' union all '));
  return Object.fromEntries(rows.map((row) => [row.name, row.state]));
}

/** The error envelope every 4xx and 5xx carries. */
export function isErrorEnvelope(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.length > 0 && typeof message === 'string' && message.length > 0;
}

/** Fails setup loudly when a fixture request does not succeed. */
export async function expectCreated<T = Record<string, unknown>>(
  response: Response | Promise<Response>,
): Promise<T> {
  const res = await response;
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`setup failed: ${res.status} ${await res.text()}`);
  return json<T>(res);
}

export function createApiKeyFor(
  t: TestApp,
  cookie: string,
  workspaceId: string,
  scope: 'read' | 'read_write',
) {
  return expectCreated<{ apiKey: { id: string; prefix: string }; secret: string }>(
    t.call('POST', `/api/v1/workspaces/${workspaceId}/api-keys`, {
      cookie,
      body: { name: `${scope} key`, scope },
    }),
  );
}

/** Invites by email and reads the link's token from the queued email (only its hash is stored). */
export async function inviteWithToken(t: TestApp, cookie: string, workspaceId: string, email: string) {
  const invitation = await expectCreated<{ id: string }>(
    t.call('POST', `/api/v1/workspaces/${workspaceId}/invitations`, {
      cookie,
      body: { email, role: 'member' },
    }),
  );
  const [mail] = await rowsOf<{ text_body: string }>(
    t.deps.db,
    `select text_body from outbound_emails where to_address = ${quoteLiteral(email)} order by created_at desc limit 1`,
  );
  const token = /\/invitations\/([\w-]+)/.exec(mail?.text_body ?? '')?.[1];
  if (!token) throw new Error('no invitation link in the email');
  return { id: invitation.id, token };
}
