import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter, CardHeader } from '../../components/card';
import { ErrorBanner, Notice } from '../../components/error-banner';
import { TextAreaField } from '../../components/input';
import { Spinner } from '../../components/spinner';
import { formatRelative } from '../../lib/format';
import { workspacePath } from '../workspaces/workspace-queries';
import type { Conversation } from './studio-api-types';
import { studioKeys, useConversation, useConversations, useSubmitTranscript } from './studio-queries';

function isPhoto(conversation: Conversation) {
  return conversation.imageObjectId !== null;
}

function objectUrl(workspaceId: string, objectId: string) {
  return workspacePath(workspaceId, `/storage-objects/${encodeURIComponent(objectId)}/content`);
}

/** A voice note or photo waiting for the words a provider could not supply. */
function TranscriptBox({
  workspaceId,
  conversation,
  onSubmitted,
}: {
  workspaceId: string;
  conversation: Conversation;
  onSubmitted: (conversationId: string) => void;
}) {
  const photo = isPhoto(conversation);
  const [value, setValue] = useState((photo ? conversation.imageAnalysis : conversation.transcript) ?? '');
  const submit = useSubmitTranscript(workspaceId, conversation.id);
  const label = photo ? 'Describe the photo' : 'Type the transcript';

  function handleSubmit() {
    const text = value.trim();
    // A photo's words to post (if any) were given at upload; what it needs now is what it shows.
    submit.mutate(photo ? { imageAnalysis: text } : { transcript: text }, {
      onSuccess: (next) => onSubmitted(next.id),
    });
  }

  return (
    <Card>
      <CardHeader
        title={photo ? 'Photo waiting for a description' : 'Voice note waiting for a transcript'}
        description={`Uploaded ${formatRelative(conversation.createdAt)}. No ${photo ? 'vision' : 'transcription'} model is set up, so Herald needs the words from you.`}
      />
      <CardBody className="space-y-4">
        {photo && conversation.imageObjectId ? (
          <img
            src={objectUrl(workspaceId, conversation.imageObjectId)}
            alt="Uploaded for this post"
            className="max-h-48 rounded-lg ring-1 ring-gray-200"
          />
        ) : null}
        {!photo && conversation.audioObjectId ? (
          // biome-ignore lint/a11y/useMediaCaption: the user's own recording, played back to transcribe it
          <audio controls src={objectUrl(workspaceId, conversation.audioObjectId)} className="h-9 w-full" />
        ) : null}
        <TextAreaField
          label={label}
          rows={5}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <ErrorBanner message={submit.error?.message} />
      </CardBody>
      <CardFooter>
        <Button onClick={handleSubmit} isLoading={submit.isPending} disabled={!value.trim()}>
          Generate from this {photo ? 'description' : 'transcript'}
        </Button>
      </CardFooter>
    </Card>
  );
}

/** The upload just made: followed until it has a generation to open, or needs the user. */
function ActiveConversation({
  workspaceId,
  conversationId,
  onGeneration,
}: {
  workspaceId: string;
  conversationId: string;
  onGeneration: (generationId: string) => void;
}) {
  const queryClient = useQueryClient();
  const { data, error } = useConversation(workspaceId, conversationId);
  const generationId = data?.generationId ?? null;
  const status = data?.status;
  useEffect(() => {
    if (generationId) onGeneration(generationId);
  }, [generationId, onGeneration]);
  // Once it needs the user, it joins the list of conversations waiting for words.
  useEffect(() => {
    if (status === 'needs_transcript') {
      void queryClient.invalidateQueries({ queryKey: studioKeys.conversations(workspaceId) });
    }
  }, [status, workspaceId, queryClient]);

  if (error) return <ErrorBanner message={error.message} />;
  if (!data || data.status === 'needs_transcript' || data.generationId) return null;
  if (data.status === 'failed') {
    return (
      <Notice tone="error" title="The upload could not be used">
        {data.error ?? 'It failed.'}
      </Notice>
    );
  }
  const doing =
    data.status === 'transcribing' ? (isPhoto(data) ? 'Describing the photo' : 'Transcribing') : 'Writing';
  return (
    <div
      role="status"
      className="flex items-center gap-3 rounded-lg bg-white px-4 py-3 text-sm text-gray-700 ring-1 ring-gray-200"
    >
      <Spinner className="text-indigo-600" />
      {doing}…
    </div>
  );
}

export function ConversationsPanel({
  workspaceId,
  activeId,
  onActivate,
  onGeneration,
}: {
  workspaceId: string;
  activeId: string | null;
  onActivate: (conversationId: string) => void;
  onGeneration: (generationId: string) => void;
}) {
  const list = useConversations(workspaceId);
  const waiting = (list.data?.items ?? []).filter((c) => c.status === 'needs_transcript');
  if (!activeId && waiting.length === 0) return null;
  return (
    <div className="space-y-4">
      {activeId ? (
        <ActiveConversation workspaceId={workspaceId} conversationId={activeId} onGeneration={onGeneration} />
      ) : null}
      {waiting.map((conversation) => (
        <TranscriptBox
          key={conversation.id}
          workspaceId={workspaceId}
          conversation={conversation}
          onSubmitted={onActivate}
        />
      ))}
    </div>
  );
}
