// The editor's working copy of a post. It follows the server while untouched (a scheduled post turns
// published under it); once edited it keeps the edits and the version they started from, so a save
// after someone else's change is refused (409) instead of overwriting it.
import { useEffect, useState } from 'react';
import type { Platform } from '../../../shared/studio/studio-types';
import type { Draft } from '../post-editor/rule-check';
import type { Post, PostUpdate } from './posts-api';

export interface PostFields {
  title: string;
  content: Draft;
  tags: string[];
  mediaObjectIds: string[];
  needsApproval: boolean;
}

export function fieldsOf(post: Post): PostFields {
  return {
    title: post.title ?? '',
    content: structuredClone(post.content),
    tags: [...post.tags],
    mediaObjectIds: [...post.mediaObjectIds],
    needsApproval: post.needsApproval,
  };
}

/** An empty output in the platform's shape, for a post written from scratch. */
export function emptyContent(platform: Platform): Draft {
  switch (platform) {
    case 'x':
      return { tweets: [''], hashtags: [] };
    case 'threads':
      return { posts: [''] };
    case 'linkedin':
      return { hook: '', body: '', cta: '', hashtags: [] };
    case 'instagram':
      return { caption: '', hashtags: [] };
    case 'tiktok':
      return { hook: '', talkingPoints: [''], cta: '', caption: '', hashtags: [] };
    case 'facebook':
      return { text: '', hashtags: [] };
    case 'email':
      return { subject: '', previewText: '', text: '', html: '' };
  }
}

export function usePostFormState(post: Post) {
  const [fields, setFields] = useState<PostFields>(() => fieldsOf(post));
  const [baseVersion, setBaseVersion] = useState(post.version);
  const [base, setBase] = useState<PostFields>(() => fieldsOf(post));
  const dirty = JSON.stringify(fields) !== JSON.stringify(base);

  useEffect(() => {
    if (post.version === baseVersion || dirty) return;
    const next = fieldsOf(post);
    setFields(next);
    setBase(next);
    setBaseVersion(post.version);
  }, [post, baseVersion, dirty]);

  return {
    fields,
    dirty,
    baseVersion,
    set: <K extends keyof PostFields>(key: K, value: PostFields[K]) =>
      setFields((current) => ({ ...current, [key]: value })),
    /** After a save, or to drop the edits for the server's latest version. */
    adopt: (saved: Post) => {
      const next = fieldsOf(saved);
      setFields(next);
      setBase(next);
      setBaseVersion(saved.version);
    },
    update: (): PostUpdate => ({
      title: fields.title.trim() || null,
      content: fields.content,
      tags: fields.tags,
      mediaObjectIds: fields.mediaObjectIds,
      needsApproval: fields.needsApproval,
      expectedVersion: baseVersion,
    }),
  };
}
