import { type FieldCount, textToEmailHtml } from '../../../shared/studio/platform-rules';
import type { Platform } from '../../../shared/studio/studio-types';
import { EmailPreview } from './email-preview';
import { AddItemButton, CountedField, HashtagsField } from './field-editors';
import { type FieldSpec, pathKey, platformFields } from './platform-fields';

type Draft = Record<string, unknown>;

const NUMBERING = /^\d+\/\d+\s*/;

/** Keeps an X thread's "1/n" prefixes right after a tweet is added or removed. */
function renumber(tweets: string[]): string[] {
  if (!tweets.some((tweet) => NUMBERING.test(tweet))) return tweets;
  return tweets.map((tweet, index) => `${index + 1}/${tweets.length} ${tweet.replace(NUMBERING, '')}`);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : [];
}

export interface PlatformEditorProps {
  platform: Platform;
  output: Draft;
  onChange: (next: Draft) => void;
  counts: Map<string, FieldCount>;
  problems: Map<string, string[]>;
  readOnly?: boolean;
}

export function PlatformEditor({
  platform,
  output,
  onChange,
  counts,
  problems,
  readOnly,
}: PlatformEditorProps) {
  const set = (key: string, value: unknown) => {
    const next: Draft = { ...output, [key]: value };
    // The HTML body follows the plain-text body, so what is previewed is what is edited.
    if (platform === 'email' && key === 'text' && typeof value === 'string') {
      next.html = textToEmailHtml(value);
    }
    onChange(next);
  };

  return (
    <div className="space-y-5">
      {platformFields[platform].map((spec) => (
        <FieldEditor
          key={spec.key}
          spec={spec}
          platform={platform}
          value={output[spec.key]}
          onChange={(value) => set(spec.key, value)}
          counts={counts}
          problems={problems}
          readOnly={readOnly}
        />
      ))}
      {platform === 'email' && typeof output.html === 'string' ? (
        <EmailPreview html={output.html} subject={String(output.subject ?? '')} />
      ) : null}
    </div>
  );
}

function FieldEditor({
  spec,
  platform,
  value,
  onChange,
  counts,
  problems,
  readOnly,
}: {
  spec: FieldSpec;
  platform: Platform;
  value: unknown;
  onChange: (value: unknown) => void;
  counts: Map<string, FieldCount>;
  problems: Map<string, string[]>;
  readOnly?: boolean;
}) {
  if (spec.kind === 'hashtags') {
    return (
      <HashtagsField
        label={spec.label}
        value={asStrings(value)}
        onChange={onChange}
        count={counts.get(spec.key)}
        problems={problems.get(spec.key)}
        hint={spec.hint}
        readOnly={readOnly}
      />
    );
  }
  if (spec.kind === 'list') {
    const items = asStrings(value);
    const itemLabel = spec.itemLabel ?? 'Item';
    const isTweets = platform === 'x' && spec.key === 'tweets';
    const update = (next: string[]) => onChange(isTweets ? renumber(next) : next);
    return (
      <fieldset className="space-y-4">
        <legend className="sr-only">{spec.label}</legend>
        {problems.get(spec.key)?.map((problem) => (
          <p key={problem} className="text-xs text-red-700">
            {problem}
          </p>
        ))}
        {items.map((item, index) => {
          const key = pathKey([spec.key, index]);
          return (
            <CountedField
              // biome-ignore lint/suspicious/noArrayIndexKey: items are positions in the thread; editing keeps them in place
              key={index}
              label={`${itemLabel} ${index + 1}`}
              value={item}
              multiline
              rows={spec.rows}
              count={counts.get(key)}
              problems={problems.get(key)}
              readOnly={readOnly}
              onChange={(text) => onChange(items.map((current, i) => (i === index ? text : current)))}
              onRemove={items.length > 1 ? () => update(items.filter((_, i) => i !== index)) : undefined}
              removeLabel={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
            />
          );
        })}
        {readOnly ? null : (
          <AddItemButton
            label={`Add ${itemLabel.toLowerCase()}`}
            onClick={() => update([...items, isTweets ? `${items.length + 1}/${items.length + 1} ` : ''])}
          />
        )}
      </fieldset>
    );
  }
  return (
    <CountedField
      label={spec.label}
      value={typeof value === 'string' ? value : ''}
      onChange={onChange}
      multiline={spec.kind === 'text'}
      rows={spec.rows}
      count={counts.get(spec.key)}
      problems={problems.get(spec.key)}
      hint={spec.hint}
      readOnly={readOnly}
    />
  );
}
