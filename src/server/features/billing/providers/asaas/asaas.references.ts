// Herald writes these into Asaas' externalReference so events can name the workspace (and the plan
// or the number of credits) without a lookup: `plan:<workspaceId>:<planKey>`, `credits:<workspaceId>:<n>`.
export function planReference(workspaceId: string, planKey: string): string {
  return `plan:${workspaceId}:${planKey}`;
}

export function creditsReference(workspaceId: string, credits: number): string {
  return `credits:${workspaceId}:${credits}`;
}

export function parsePlanReference(reference: string | null | undefined) {
  const match = /^plan:([^:]+):([^:]+)$/.exec(reference ?? '');
  return match ? { workspaceId: match[1] as string, planKey: match[2] as string } : null;
}

export function parseCreditsReference(reference: string | null | undefined) {
  const match = /^credits:([^:]+):(\d{1,9})$/.exec(reference ?? '');
  if (!match) return null;
  const credits = Number(match[2]);
  return credits > 0 ? { workspaceId: match[1] as string, credits } : null;
}
