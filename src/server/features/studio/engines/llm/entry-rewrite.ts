// The LLM engine's changelog rewrite: one structured call (title and body), checked by zod and asked
// again with what was wrong, at most `maxAttempts` times. Tokens of every attempt are counted.
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { AppError } from '../../../../platform/errors.ts';
import type { EntryRewriteRequest, EntryRewriteResult } from '../engine.ts';
import { estimateCostUsdMicros, type PriceTable } from './price-table.ts';
import { systemPrompt } from './prompts.ts';
import { type CallOutcome, callForObject } from './structured-call.ts';

export interface RewriteContext {
  model: LanguageModel;
  modelName: string;
  maxAttempts: number;
  timeoutMs: number;
  priceTable: PriceTable;
}

/** Pull request bodies beyond this are cut in the prompt: the rewrite is a paragraph, not a digest. */
const maxSourceChars = 12_000;

function rewriteSchema(limits: EntryRewriteRequest['limits']) {
  return z.object({
    title: z
      .string()
      .trim()
      .min(1)
      .max(limits.titleChars)
      .refine((title) => !/[\r\n]/.test(title), 'one line'),
    body: z.string().trim().min(1).max(limits.bodyChars),
  });
}

export function rewritePrompt(request: EntryRewriteRequest, feedback: string | null): string {
  const prs = request.pullRequests
    .map((pr) => `- #${pr.number} ${pr.title}${pr.labels.length ? ` [${pr.labels.join(', ')}]` : ''}`)
    .join('\n');
  const source = [`Title: ${request.title}`, `Category: ${request.category}`, '', request.body].join('\n');
  const cut = source.length > maxSourceChars ? `${source.slice(0, maxSourceChars)}\n[…truncated]` : source;
  return [
    'Task: rewrite',
    'Rewrite this changelog entry for the product’s users, who did not review the code. Fields:',
    `- title: one line, at most ${request.limits.titleChars} characters, in plain words, past tense ("Added dark mode"). No conventional-commit prefix (feat:, fix(api):), no PR number.`,
    '- body: Markdown, one or two short paragraphs (a bullet list when the entry groups several changes): what changed and why it matters to the reader.',
    '  Leave out reviewer material: checklists, "how has this been tested", screenshots sections, "Closes #12" lines, sign-offs.',
    '  Keep any breaking change, stated clearly on its own line starting with "**Breaking change:**".',
    prs ? `Pull requests behind it:\n${prs}` : '',
    feedback ? `Your previous answer was refused: ${feedback}. Answer again, fixing that.` : '',
    `<source>\n${cut}\n</source>`,
  ]
    .filter(Boolean)
    .join('\n');
}

export async function rewriteEntryWithLlm(
  context: RewriteContext,
  request: EntryRewriteRequest,
): Promise<EntryRewriteResult> {
  const schema = rewriteSchema(request.limits);
  const usage = { input: 0, output: 0 };
  let feedback: string | null = null;
  for (let attempt = 1; attempt <= context.maxAttempts; attempt++) {
    request.signal?.throwIfAborted();
    const outcome: CallOutcome<z.infer<typeof schema>> = await callForObject({
      model: context.model,
      schema,
      name: 'changelog_entry',
      system: systemPrompt(request.language),
      prompt: rewritePrompt(request, feedback),
      timeoutMs: context.timeoutMs,
      signal: request.signal,
    });
    usage.input += outcome.usage.input;
    usage.output += outcome.usage.output;
    if (outcome.ok) {
      return {
        title: outcome.value.title,
        body: outcome.value.body,
        model: context.modelName,
        tokens: usage,
        costUsdMicros: estimateCostUsdMicros(context.priceTable, context.modelName, usage),
      };
    }
    feedback = outcome.detail;
    if (outcome.kind === 'auth') break;
  }
  throw new AppError(
    'service_unavailable',
    `The AI provider gave no usable rewrite: ${feedback ?? 'no answer'}`,
  );
}
