import { useState } from 'react';
import type { ChangelogCategory, Entry, EntryUpdate } from './changelog-api';

export interface EntryFields {
  title: string;
  body: string;
  category: ChangelogCategory;
  major: boolean;
}

function fieldsOf(entry: Entry): EntryFields {
  return { title: entry.title, body: entry.body, category: entry.category, major: entry.major };
}

/** The editor's unsaved fields, what changed against the saved entry, and adopting a fresh copy. */
export function useEntryFormState(entry: Entry) {
  const [saved, setSaved] = useState(() => fieldsOf(entry));
  const [fields, setFields] = useState(saved);
  const [seenVersion, setSeenVersion] = useState(entry.updatedAt);

  const changes: EntryUpdate = {};
  if (fields.title !== saved.title) changes.title = fields.title;
  if (fields.body !== saved.body) changes.body = fields.body;
  if (fields.category !== saved.category) changes.category = fields.category;
  if (fields.major !== saved.major) changes.major = fields.major;

  const dirty = Object.keys(changes).length > 0;
  // A change made elsewhere (a PR edit, a scheduled publish) shows up unless the user is editing.
  if (entry.updatedAt !== seenVersion) {
    setSeenVersion(entry.updatedAt);
    if (!dirty) {
      setSaved(fieldsOf(entry));
      setFields(fieldsOf(entry));
    }
  }

  return {
    fields,
    set: (patch: Partial<EntryFields>) => setFields((current) => ({ ...current, ...patch })),
    changes,
    dirty,
    /** Takes the server's copy as both the saved and the edited state (after save, rewrite, undo). */
    adopt: (fresh: Entry) => {
      const next = fieldsOf(fresh);
      setSaved(next);
      setFields(next);
      setSeenVersion(fresh.updatedAt);
    },
  };
}
