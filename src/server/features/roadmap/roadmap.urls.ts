export function publicRoadmapUrl(publicUrl: string, workspaceSlug: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/roadmap/${encodeURIComponent(workspaceSlug)}`;
}
