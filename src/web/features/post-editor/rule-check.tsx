// The live rule check every editor of a platform output shares (the Studio's cards and the Library's
// post editor): counters per field, the broken rules by field, and the summary alert above the fields.
import { TriangleAlert } from 'lucide-react';
import { useMemo } from 'react';
import {
  checkOutput,
  countFields,
  type FieldCount,
  type PlatformLimits,
  type RuleViolation,
  renderPost,
} from '../../../shared/studio/platform-rules';
import type { Platform, PlatformOutputs } from '../../../shared/studio/studio-types';
import { isApiError } from '../../lib/api-error';
import { FieldCounter } from './field-editors';
import { countsByPath, describeViolation, editorPaths, pathKey } from './platform-fields';

export type Draft = Record<string, unknown>;

/** What a whole-post counter counts, for platforms whose limit covers several fields. */
const WHOLE_POST: Partial<Record<Platform, string>> = {
  linkedin: 'Whole post — hook, body, call to action and hashtags',
};

function safeCounts(platform: Platform, draft: Draft, limits: PlatformLimits): FieldCount[] {
  try {
    return countFields(platform, draft as unknown as PlatformOutputs[typeof platform], limits);
  } catch {
    return [];
  }
}

/** The texts as the platform receives them; empty while the draft does not have the platform's shape. */
export function safeParts(platform: Platform, draft: Draft): string[] {
  try {
    return renderPost(platform, draft as unknown as PlatformOutputs[typeof platform]);
  } catch {
    return [];
  }
}

export function safeRender(platform: Platform, draft: Draft): string {
  return safeParts(platform, draft).join('\n\n');
}

/** The broken rules the server listed in a 422 rule_violation. */
export function serverViolations(error: unknown): RuleViolation[] {
  if (!isApiError(error) || error.code !== 'rule_violation') return [];
  return (error.details as { violations?: RuleViolation[] } | undefined)?.violations ?? [];
}

export interface RuleCheck {
  violations: RuleViolation[];
  /** Counters by field path, for the editor. */
  counts: Map<string, FieldCount>;
  /** Counters the editor has no field for (a whole-post limit). */
  summaryCounts: FieldCount[];
  /** Plain sentences per field path. */
  problems: Map<string, string[]>;
}

export function useRuleCheck(platform: Platform, draft: Draft, limits: PlatformLimits): RuleCheck {
  return useMemo(() => {
    const violations = checkOutput(platform, draft, limits);
    const all = safeCounts(platform, draft, limits);
    const shown = editorPaths(platform, draft);
    const problems = new Map<string, string[]>();
    for (const violation of violations) {
      const key = pathKey(violation.path);
      problems.set(key, [...(problems.get(key) ?? []), describeViolation(platform, violation)]);
    }
    return {
      violations,
      counts: countsByPath(all),
      summaryCounts: all.filter((count) => !shown.has(pathKey(count.path))),
      problems,
    };
  }, [platform, draft, limits]);
}

/** The whole-post counters, above the fields. */
export function WholePostCounters({ platform, counts }: { platform: Platform; counts: FieldCount[] }) {
  return (
    <>
      {counts.map((count) => (
        <div
          key={pathKey(count.path)}
          className="flex items-center justify-between gap-3 rounded-lg bg-gray-50 px-3 py-2 text-sm ring-1 ring-gray-200"
        >
          <span className="text-gray-700">{WHOLE_POST[platform] ?? 'Whole post'}</span>
          <FieldCounter count={count} label="Whole post" />
        </div>
      ))}
    </>
  );
}

/** Every broken rule in one alert, so a reader knows why saving is off. */
export function RuleViolationsAlert({
  platform,
  violations,
}: {
  platform: Platform;
  violations: RuleViolation[];
}) {
  if (violations.length === 0) return null;
  return (
    <div
      role="alert"
      className="flex gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-800"
    >
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0">
        <p className="font-medium">
          {violations.length === 1 ? 'This breaks a rule' : `This breaks ${violations.length} rules`} — fix it
          to save.
        </p>
        <ul className="mt-1 list-disc space-y-0.5 pl-4">
          {violations.map((violation) => (
            <li key={`${pathKey(violation.path)}-${violation.code}`}>
              {describeViolation(platform, violation)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
