import { ExternalLink, GripVertical, ThumbsUp } from 'lucide-react';
import { type DragEvent, useState } from 'react';
import { Badge } from '../../components/badge';
import { InlineSelect } from '../../components/input';
import { cn } from '../../lib/cn';
import {
  isRoadmapStatus,
  type RoadmapItem,
  type RoadmapStatus,
  roadmapStatuses,
  statusLabels,
} from './roadmap-api';

const dragType = 'application/x-herald-roadmap-item';

function ItemCard({
  item,
  canMove,
  onMove,
}: {
  item: RoadmapItem;
  canMove: boolean;
  onMove: (status: RoadmapStatus) => void;
}) {
  return (
    <li
      draggable={canMove}
      onDragStart={(event) => {
        event.dataTransfer.setData(dragType, item.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      className={cn(
        'rounded-lg border border-gray-200 bg-white p-3 shadow-xs',
        canMove && 'cursor-grab active:cursor-grabbing',
      )}
      data-testid="roadmap-item"
      data-item-id={item.id}
    >
      <div className="flex items-start gap-2">
        {canMove ? <GripVertical className="mt-0.5 size-4 shrink-0 text-gray-300" aria-hidden /> : null}
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-gray-900">{item.title}</p>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-gray-500">
            <a
              href={item.url || undefined}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 hover:text-gray-700"
            >
              {item.repositoryFullName}#{item.issueNumber}
              <ExternalLink className="size-3" aria-hidden />
            </a>
            <span className="inline-flex items-center gap-1" title="Upvotes">
              <ThumbsUp className="size-3" aria-hidden />
              <span data-testid="roadmap-votes">{item.votes}</span>
            </span>
          </p>
          {item.entry ? (
            <p className="mt-1.5">
              <Badge tone={item.entry.status === 'published' ? 'green' : 'gray'}>
                {item.entry.status === 'published' ? 'Shipped' : 'Entry'}: {item.entry.title}
              </Badge>
            </p>
          ) : null}
        </div>
      </div>
      {canMove ? (
        <div className="mt-2 flex justify-end">
          <InlineSelect
            aria-label={`Status of ${item.title}`}
            value={item.status}
            onChange={(event) => {
              if (isRoadmapStatus(event.target.value)) onMove(event.target.value);
            }}
          >
            {roadmapStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </InlineSelect>
        </div>
      ) : null}
    </li>
  );
}

/**
 * Three columns; an item is dragged between them (HTML5 drag and drop) or moved with its status select
 * (keyboard and touch). A move calls the API, which also changes the issue's labels on GitHub.
 */
export function RoadmapBoard({
  items,
  canMove,
  onMove,
}: {
  items: RoadmapItem[];
  canMove: boolean;
  onMove: (itemId: string, status: RoadmapStatus) => void;
}) {
  const [over, setOver] = useState<RoadmapStatus | null>(null);
  const drop = (status: RoadmapStatus) => (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setOver(null);
    const itemId = event.dataTransfer.getData(dragType);
    const item = items.find((i) => i.id === itemId);
    if (item && item.status !== status) onMove(item.id, status);
  };
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      {roadmapStatuses.map((status) => {
        const column = items.filter((item) => item.status === status);
        return (
          <section
            key={status}
            aria-label={statusLabels[status]}
            data-status={status}
            onDragOver={(event) => {
              if (!canMove || !event.dataTransfer.types.includes(dragType)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              setOver(status);
            }}
            onDragLeave={() => setOver((current) => (current === status ? null : current))}
            onDrop={drop(status)}
            className={cn(
              'rounded-xl border border-gray-200 bg-gray-50 p-3 transition-colors',
              over === status && 'border-indigo-400 bg-indigo-50',
            )}
          >
            <h3 className="mb-3 flex items-center justify-between px-1 text-sm font-semibold text-gray-700">
              {statusLabels[status]}
              <span className="text-xs font-normal text-gray-400">{column.length}</span>
            </h3>
            {column.length === 0 ? (
              <p className="px-1 py-6 text-center text-xs text-gray-400">Nothing here</p>
            ) : (
              <ul className="space-y-2">
                {column.map((item) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    canMove={canMove}
                    onMove={(next) => onMove(item.id, next)}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
