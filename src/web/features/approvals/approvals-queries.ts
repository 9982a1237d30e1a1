import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api-client';
import type { Page } from '../../lib/api-types';
import { calendarKeys } from '../calendar/calendar-queries';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type {
  ApprovalLink,
  CreatedApprovalLink,
  PostListItem,
  Review,
  ReviewAction,
  ReviewPost,
} from './approvals-types';

export const approvalKeys = {
  links: (workspaceId: string) => workspaceKeys.part(workspaceId, 'approval-links'),
  review: (token: string) => ['review', token] as const,
};

export function useApprovalLinks(workspaceId: string) {
  return useQuery({
    queryKey: approvalKeys.links(workspaceId),
    queryFn: () =>
      api.get<Page<ApprovalLink> | ApprovalLink[]>(workspacePath(workspaceId, '/approval-links')),
    // The list is a page or a bare array depending on the server's version; the page wants an array.
    select: (data) => (Array.isArray(data) ? data : data.items),
  });
}

/** Posts that can still be reviewed: everything not yet published, newest first. */
export function useShareablePosts(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...workspaceKeys.part(workspaceId, 'posts'), 'shareable'],
    queryFn: () =>
      api.get<Page<PostListItem>>(withQuery(workspacePath(workspaceId, '/posts'), { limit: 100 })),
    select: (page) => page.items.filter((post) => post.status !== 'published'),
    enabled,
  });
}

/** The workspace's latest posts by id, to show what became of the posts a link shared. */
export function usePostsById(workspaceId: string) {
  return useQuery({
    queryKey: [...workspaceKeys.part(workspaceId, 'posts'), 'by-id'],
    queryFn: () =>
      api.get<Page<PostListItem>>(withQuery(workspacePath(workspaceId, '/posts'), { limit: 100 })),
    select: (page) => new Map(page.items.map((post) => [post.id, post])),
  });
}

export function useApprovalLinkMutations(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: approvalKeys.links(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: calendarKeys.all(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: workspaceKeys.part(workspaceId, 'posts') }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: { postIds: string[]; expiresInHours?: number; note?: string }) =>
        api.post<CreatedApprovalLink>(workspacePath(workspaceId, '/approval-links'), body),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (linkId: string) =>
        api.delete(workspacePath(workspaceId, `/approval-links/${encodeURIComponent(linkId)}`)),
      onSuccess: refresh,
    }),
  };
}

const reviewPath = (token: string) => `/api/public/review/${encodeURIComponent(token)}`;

export function useReview(token: string) {
  return useQuery({
    queryKey: approvalKeys.review(token),
    queryFn: () => api.get<Review>(reviewPath(token)),
    retry: false,
  });
}

export function useReviewAction(token: string, postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: ReviewAction; reviewerName: string; message?: string; version?: number }) =>
      api.post<ReviewPost>(`${reviewPath(token)}/posts/${encodeURIComponent(postId)}`, body),
    onSuccess: (post) => {
      queryClient.setQueryData<Review>(approvalKeys.review(token), (review) =>
        review
          ? {
              ...review,
              posts: review.posts.map((item) => (item.id === post.id ? { ...item, ...post } : item)),
            }
          : review,
      );
    },
  });
}
