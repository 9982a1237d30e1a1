import { useState } from 'react';
import { Card, CardBody } from '../../components/card';
import { SelectField, TextAreaField, TextField } from '../../components/input';
import { cn } from '../../lib/cn';
import { type ChangelogCategory, changelogCategories } from './changelog-api';
import type { EntryFields } from './entry-form-state';
import { MarkdownPreview } from './markdown-preview';

function BodyTabs({
  value,
  onChange,
}: {
  value: 'write' | 'preview';
  onChange: (v: 'write' | 'preview') => void;
}) {
  return (
    <fieldset className="flex gap-1">
      <legend className="sr-only">Body view</legend>
      {(['write', 'preview'] as const).map((tab) => (
        <button
          key={tab}
          type="button"
          aria-pressed={value === tab}
          onClick={() => onChange(tab)}
          className={cn(
            'rounded-md px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
            value === tab ? 'bg-gray-900 text-white' : 'text-gray-600 hover:bg-gray-100',
          )}
        >
          {tab === 'write' ? 'Write' : 'Preview'}
        </button>
      ))}
    </fieldset>
  );
}

/** Title, category, major flag and the Markdown body with a safe preview beside (or instead of) it. */
export function EntryFieldsCard({
  fields,
  onChange,
  readOnly,
  titleError,
  bodyError,
}: {
  fields: EntryFields;
  onChange: (patch: Partial<EntryFields>) => void;
  readOnly: boolean;
  titleError?: string;
  bodyError?: string;
}) {
  const [view, setView] = useState<'write' | 'preview'>('write');
  return (
    <Card>
      <CardBody className="space-y-4">
        <TextField
          label="Title"
          required
          maxLength={200}
          readOnly={readOnly}
          value={fields.title}
          onChange={(event) => onChange({ title: event.target.value })}
          error={titleError}
        />
        <div className="flex flex-wrap items-end gap-4">
          <SelectField
            label="Category"
            className="w-48"
            disabled={readOnly}
            value={fields.category}
            onChange={(event) => onChange({ category: event.target.value as ChangelogCategory })}
          >
            {changelogCategories.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </SelectField>
          <label className="flex items-center gap-2 pb-2 text-sm text-gray-800">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={fields.major}
              onChange={(event) => onChange({ major: event.target.checked })}
              className="size-4 rounded border-gray-300 text-indigo-600"
            />
            Major release
          </label>
        </div>
        <div className="space-y-1.5">
          <div className="flex items-center justify-between">
            <span className="text-sm font-medium text-gray-800">Body (Markdown)</span>
            <BodyTabs value={view} onChange={setView} />
          </div>
          {view === 'write' ? (
            <TextAreaField
              label="Body"
              className="[&>label]:sr-only"
              rows={14}
              readOnly={readOnly}
              value={fields.body}
              onChange={(event) => onChange({ body: event.target.value })}
              error={bodyError}
              hint="Headings, lists, links, **bold**, *italic* and `code`. Scripts and unsafe links are removed on the public page."
            />
          ) : (
            <div className="min-h-48 rounded-lg p-4 ring-1 ring-gray-200 ring-inset">
              <MarkdownPreview markdown={fields.body} />
            </div>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
