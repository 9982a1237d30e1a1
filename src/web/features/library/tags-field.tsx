import { useEffect, useId, useState } from 'react';

function parseTags(raw: string): string[] {
  const tags = raw
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** Tags typed as one comma-separated line, kept as typed until the list changes from outside. */
export function TagsField({
  value,
  onChange,
  readOnly,
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  readOnly?: boolean;
}) {
  const id = useId();
  const [raw, setRaw] = useState(() => value.join(', '));
  useEffect(() => {
    setRaw((current) => (parseTags(current).join(',') === value.join(',') ? current : value.join(', ')));
  }, [value]);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        Tags
      </label>
      <input
        id={id}
        type="text"
        value={raw}
        readOnly={readOnly}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setRaw(event.target.value);
          onChange(parseTags(event.target.value));
        }}
        className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none read-only:bg-gray-50"
        placeholder="launch, changelog"
      />
      <p id={`${id}-hint`} className="text-xs text-gray-500">
        Separate with commas; at most 20, each up to 40 characters.
      </p>
    </div>
  );
}
