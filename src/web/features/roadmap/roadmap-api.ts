// Response shapes of the roadmap API as the Roadmap page reads them.

export const roadmapStatuses = ['planned', 'in-progress', 'completed'] as const;
export type RoadmapStatus = (typeof roadmapStatuses)[number];

export const statusLabels: Record<RoadmapStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  completed: 'Completed',
};

export interface RoadmapMapping {
  labels: string[];
  planned: string;
  inProgress: string;
  completed: string | null;
  closeOnComplete: boolean;
}

export interface RoadmapRepository {
  repositoryId: string;
  fullName: string;
  enabled: boolean;
  mapping: RoadmapMapping;
  importStatus: 'idle' | 'running' | 'completed' | 'failed';
  importedCount: number;
  importError: string | null;
}

export interface RoadmapItem {
  id: string;
  repositoryId: string;
  repositoryFullName: string;
  issueNumber: number;
  title: string;
  url: string;
  labels: string[];
  issueState: 'open' | 'closed';
  status: RoadmapStatus;
  votes: number;
  closedByPr: number | null;
  entry: { id: string; title: string; slug: string; status: string } | null;
  completedAt: string | null;
  updatedAt: string;
}

export interface Roadmap {
  repositories: RoadmapRepository[];
  items: RoadmapItem[];
}

export function isRoadmapStatus(value: string): value is RoadmapStatus {
  return (roadmapStatuses as readonly string[]).includes(value);
}
