import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultAnswers, defaultVisionAnswer, type FakeLlmTask, taskOf } from './fake-llm-content.ts';

// A local fake of the LLM APIs Herald talks to, on loopback: OpenAI chat completions (the
// openai-compatible provider), OpenAI Responses (the OpenAI provider's default), Anthropic messages,
// and OpenAI-style audio transcriptions. Each test scripts answers per task (`Task:` line of the
// prompt) — valid objects, broken JSON, missing fields, HTTP errors — and reads the request log.

export type { FakeLlmTask } from './fake-llm-content.ts';

export interface FakeUsage {
  input: number;
  output: number;
}

export type FakeLlmReply =
  /** Content that is this JSON object. */
  | { type: 'object'; value: unknown; usage?: FakeUsage }
  /** Content that is this raw text (bad JSON, or a vision description). */
  | { type: 'text'; text: string; usage?: FakeUsage }
  | { type: 'http'; status: number };

export type FakeLlmApi = 'chat' | 'responses' | 'messages' | 'transcriptions' | 'other';

export interface FakeLlmRequest {
  api: FakeLlmApi;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for multipart (transcriptions). */
  body: Record<string, unknown> | undefined;
  raw: Buffer;
  task: FakeLlmTask;
  /** Every text of the request (system and user), joined. */
  prompt: string;
}

export interface FakeLlm {
  url: string;
  /** The API root to configure, `<url>/v1`. */
  baseUrl: string;
  requests: FakeLlmRequest[];
  /** Answers the next requests for `task` ('*': any task) with `replies`, in order. */
  enqueue(task: FakeLlmTask | '*', ...replies: FakeLlmReply[]): void;
  /** Usage reported with default answers. */
  usage: FakeUsage;
  /** What /audio/transcriptions answers. */
  transcription: { text: string; language?: string; duration?: number } | { status: number };
  requestsFor(task: FakeLlmTask): FakeLlmRequest[];
  close(): Promise<void>;
}

const apiByPath: Record<string, FakeLlmApi> = {
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'responses',
  '/v1/messages': 'messages',
  '/v1/audio/transcriptions': 'transcriptions',
};

/** Texts anywhere in a body: message contents, parts, system, instructions. */
function collectText(value: unknown, out: string[], images: { found: boolean }): void {
  if (typeof value === 'string') return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') out.push(item);
      else collectText(item, out, images);
    }
    return;
  }
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (['image', 'image_url', 'input_image'].includes(String(record.type))) images.found = true;
  for (const key of ['text', 'content', 'system', 'instructions']) {
    if (typeof record[key] === 'string') out.push(record[key] as string);
  }
  for (const key of ['messages', 'input', 'content', 'system']) {
    if (typeof record[key] === 'object') collectText(record[key], out, images);
  }
}

function errorBody(api: FakeLlmApi, status: number) {
  return api === 'messages'
    ? { type: 'error', error: { type: 'api_error', message: `fake failure ${status}` } }
    : { error: { message: `fake failure ${status}`, type: 'server_error', code: null } };
}

function successBody(
  api: FakeLlmApi,
  body: Record<string, unknown>,
  text: string,
  value: unknown,
  usage: FakeUsage,
) {
  const model = String(body.model ?? 'fake-model');
  if (api === 'responses') {
    return {
      id: 'resp_fake',
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      model,
      status: 'completed',
      output: [
        {
          type: 'message',
          id: 'msg_fake',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text, annotations: [] }],
        },
      ],
      incomplete_details: null,
      usage: {
        input_tokens: usage.input,
        output_tokens: usage.output,
        total_tokens: usage.input + usage.output,
      },
    };
  }
  if (api === 'messages') {
    // Anthropic answers structured output either as text (output_config.format) or as a forced
    // `json` tool call, depending on the model; the fake follows what the request asked for.
    const jsonTool =
      Array.isArray(body.tools) && body.tools.some((tool: { name?: string }) => tool.name === 'json');
    const content =
      jsonTool && value !== undefined
        ? [{ type: 'tool_use', id: 'toolu_fake', name: 'json', input: value }]
        : [{ type: 'text', text }];
    return {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: content[0]?.type === 'tool_use' ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: usage.input, output_tokens: usage.output },
    };
  }
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const queues = new Map<string, FakeLlmReply[]>();
  const fake: FakeLlm = {
    url: '',
    baseUrl: '',
    requests: [],
    usage: { input: 100, output: 50 },
    transcription: { text: 'Hello from the voice note.', language: 'english', duration: 4.2 },
    enqueue(task, ...replies) {
      queues.set(task, [...(queues.get(task) ?? []), ...replies]);
    },
    requestsFor(task) {
      return fake.requests.filter((request) => request.task === task);
    },
    close: async () => {},
  };

  function nextReply(task: FakeLlmTask): FakeLlmReply {
    const scripted = queues.get(task)?.shift() ?? queues.get('*')?.shift();
    if (scripted) return scripted;
    if (task === 'vision') return { type: 'text', text: defaultVisionAnswer };
    if (task === 'unknown') return { type: 'text', text: 'unscripted answer' };
    return { type: 'object', value: defaultAnswers[task] };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const api = apiByPath[path] ?? 'other';
      let body: Record<string, unknown> | undefined;
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      }
      const texts: string[] = [];
      const images = { found: false };
      collectText(body, texts, images);
      const prompt = texts.join('\n');
      const task = api === 'transcriptions' ? 'unknown' : taskOf(prompt, images.found);
      fake.requests.push({ api, path, headers: req.headers, body, raw, task, prompt });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (api === 'other') return send(404, errorBody(api, 404));
      if (api === 'transcriptions') {
        const answer = fake.transcription;
        return 'status' in answer ? send(answer.status, errorBody(api, answer.status)) : send(200, answer);
      }
      const reply = nextReply(task);
      if (reply.type === 'http') return send(reply.status, errorBody(api, reply.status));
      const text = reply.type === 'object' ? JSON.stringify(reply.value) : reply.text;
      const value = reply.type === 'object' ? reply.value : undefined;
      send(200, successBody(api, body ?? {}, text, value, reply.usage ?? fake.usage));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.baseUrl = `${fake.url}/v1`;
  fake.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return fake;
}
