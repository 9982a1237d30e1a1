import {
  type InfiniteData,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Platform, PlatformOutputs } from '../../../shared/studio/studio-types';
import { api, withQuery } from '../../lib/api-client';
import { createApiError, createNetworkError } from '../../lib/api-error';
import type { Page } from '../../lib/api-types';
import { workspaceKeys, workspacePath } from '../workspaces/workspace-queries';
import type { Conversation, Generation, GenerationRequest, StudioRules } from './studio-api-types';

export const studioKeys = {
  rules: (workspaceId: string) => workspaceKeys.part(workspaceId, 'studio-rules'),
  history: (workspaceId: string) => workspaceKeys.part(workspaceId, 'generations'),
  generation: (workspaceId: string, id: string) => ['workspace', workspaceId, 'generation', id] as const,
  conversations: (workspaceId: string) => workspaceKeys.part(workspaceId, 'conversations'),
  conversation: (workspaceId: string, id: string) => ['workspace', workspaceId, 'conversation', id] as const,
};

export const terminalStatuses = new Set(['completed', 'partial', 'failed']);

export function isTerminal(generation: Pick<Generation, 'status'>): boolean {
  return terminalStatuses.has(generation.status);
}

export function useStudioRules(workspaceId: string) {
  return useQuery({
    queryKey: studioKeys.rules(workspaceId),
    queryFn: () => api.get<StudioRules>(workspacePath(workspaceId, '/studio/rules')),
    staleTime: 60_000,
  });
}

export function useGenerationHistory(workspaceId: string) {
  return useInfiniteQuery<
    Page<Generation>,
    Error,
    InfiniteData<Page<Generation>>,
    readonly unknown[],
    string | null
  >({
    queryKey: studioKeys.history(workspaceId),
    queryFn: ({ pageParam }) =>
      api.get<Page<Generation>>(
        withQuery(workspacePath(workspaceId, '/generations'), { cursor: pageParam, limit: 10 }),
      ),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function generationQueryOptions(workspaceId: string, id: string) {
  return queryOptions({
    queryKey: studioKeys.generation(workspaceId, id),
    queryFn: () => api.get<Generation>(workspacePath(workspaceId, `/generations/${encodeURIComponent(id)}`)),
  });
}

/** Every copy of a generation the page holds (the open one and its history row) gets the new state. */
export function storeGeneration(queryClient: QueryClient, generation: Generation) {
  const { workspaceId } = generation;
  queryClient.setQueryData(studioKeys.generation(workspaceId, generation.id), generation);
  queryClient.setQueryData<InfiniteData<Page<Generation>>>(studioKeys.history(workspaceId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === generation.id ? generation : item)),
          })),
        }
      : data,
  );
}

export function useCreateGeneration(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerationRequest) =>
      api.post<Generation>(workspacePath(workspaceId, '/generations'), body),
    onSuccess: async (generation) => {
      queryClient.setQueryData(studioKeys.generation(workspaceId, generation.id), generation);
      await queryClient.invalidateQueries({ queryKey: studioKeys.history(workspaceId) });
    },
  });
}

export function useSaveDraft(workspaceId: string, generationId: string, platform: Platform) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (output: PlatformOutputs[Platform]) =>
      api.put<Generation>(
        workspacePath(
          workspaceId,
          `/generations/${encodeURIComponent(generationId)}/drafts/${encodeURIComponent(platform)}`,
        ),
        output,
      ),
    onSuccess: (generation) => storeGeneration(queryClient, generation),
  });
}

/** multipart/form-data upload; the JSON client cannot send files. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      credentials: 'include',
      body: form,
    });
  } catch (cause) {
    throw createNetworkError(cause);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) throw createApiError(response.status, parsed);
  return parsed as T;
}

export interface SourceOptions {
  platforms: Platform[];
  tone: string;
  language?: string;
}

function baseForm(options: SourceOptions): FormData {
  const form = new FormData();
  form.set('platforms', options.platforms.join(','));
  form.set('tone', options.tone);
  if (options.language) form.set('language', options.language);
  return form;
}

export function useUploadVoiceNote(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SourceOptions & { audio: Blob; fileName: string; durationSeconds?: number }) => {
      const form = baseForm(input);
      form.set('audio', input.audio, input.fileName);
      if (input.durationSeconds !== undefined) form.set('durationSeconds', String(input.durationSeconds));
      return postForm<Conversation>(workspacePath(workspaceId, '/voice-notes'), form);
    },
    onSuccess: (conversation) => {
      queryClient.setQueryData(studioKeys.conversation(workspaceId, conversation.id), conversation);
      return queryClient.invalidateQueries({ queryKey: studioKeys.conversations(workspaceId) });
    },
  });
}

export function useUploadImage(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SourceOptions & { image: File; description?: string; text?: string }) => {
      const form = baseForm(input);
      form.set('image', input.image, input.image.name);
      if (input.description) form.set('description', input.description);
      if (input.text) form.set('text', input.text);
      return postForm<Conversation>(workspacePath(workspaceId, '/images'), form);
    },
    onSuccess: (conversation) => {
      queryClient.setQueryData(studioKeys.conversation(workspaceId, conversation.id), conversation);
      return queryClient.invalidateQueries({ queryKey: studioKeys.conversations(workspaceId) });
    },
  });
}

const settledConversation = new Set(['needs_transcript', 'completed', 'failed']);

/** A conversation being transcribed or described, polled until it needs the user or has a generation. */
export function useConversation(workspaceId: string, id: string | null) {
  return useQuery({
    queryKey: studioKeys.conversation(workspaceId, id ?? ''),
    queryFn: () =>
      api.get<Conversation>(workspacePath(workspaceId, `/conversations/${encodeURIComponent(id ?? '')}`)),
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return 1500;
      return settledConversation.has(data.status) || data.generationId ? false : 1500;
    },
  });
}

export function useConversations(workspaceId: string) {
  return useQuery({
    queryKey: studioKeys.conversations(workspaceId),
    queryFn: () =>
      api.get<Page<Conversation>>(withQuery(workspacePath(workspaceId, '/conversations'), { limit: 20 })),
  });
}

export function useSubmitTranscript(workspaceId: string, conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { transcript?: string; imageAnalysis?: string }) =>
      api.post<Conversation>(
        workspacePath(workspaceId, `/conversations/${encodeURIComponent(conversationId)}/transcript`),
        body,
      ),
    onSuccess: async (conversation) => {
      queryClient.setQueryData(studioKeys.conversation(workspaceId, conversation.id), conversation);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: studioKeys.conversations(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: studioKeys.history(workspaceId) }),
      ]);
    },
  });
}
