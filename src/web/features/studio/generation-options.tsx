import {
  platforms as allPlatforms,
  tones as allTones,
  type Language,
  type Platform,
  platformLabels,
  type Tone,
} from '../../../shared/studio/studio-types';
import { SelectField } from '../../components/input';
import { cn } from '../../lib/cn';

export const toneLabels: Record<Tone, string> = {
  educational: 'Educational',
  conversational: 'Conversational',
  opinionated: 'Opinionated',
  authority: 'Authority',
  brand: 'Brand voice',
};

export interface GenerationOptions {
  platforms: Platform[];
  tone: Tone;
  language: Language | 'auto';
}

export function GenerationOptionsFields({
  value,
  onChange,
  available = allPlatforms,
  tones = allTones,
}: {
  value: GenerationOptions;
  onChange: (next: GenerationOptions) => void;
  available?: readonly Platform[];
  tones?: readonly Tone[];
}) {
  const toggle = (platform: Platform, checked: boolean) => {
    const chosen = new Set(value.platforms);
    if (checked) chosen.add(platform);
    else chosen.delete(platform);
    // Keep the server's platform order whatever order they were ticked in.
    onChange({ ...value, platforms: available.filter((p) => chosen.has(p)) });
  };
  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-gray-800">Platforms</legend>
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {available.map((platform) => {
            const checked = value.platforms.includes(platform);
            return (
              <label
                key={platform}
                className={cn(
                  'flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ring-inset transition-colors has-focus-visible:ring-2 has-focus-visible:ring-indigo-600',
                  checked
                    ? 'bg-indigo-50 font-medium text-indigo-800 ring-indigo-200'
                    : 'bg-white text-gray-700 ring-gray-200 hover:bg-gray-50',
                )}
              >
                <input
                  type="checkbox"
                  className="size-4 rounded border-gray-300 accent-indigo-600"
                  checked={checked}
                  onChange={(event) => toggle(platform, event.target.checked)}
                />
                {platformLabels[platform]}
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Tone"
          value={value.tone}
          onChange={(event) => onChange({ ...value, tone: event.target.value as Tone })}
        >
          {tones.map((tone) => (
            <option key={tone} value={tone}>
              {toneLabels[tone]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Language"
          value={value.language}
          onChange={(event) =>
            onChange({ ...value, language: event.target.value as GenerationOptions['language'] })
          }
        >
          <option value="auto">Detect automatically</option>
          <option value="en">English</option>
          <option value="fr">French</option>
        </SelectField>
      </div>
    </div>
  );
}
