import { Link } from '@tanstack/react-router';
import { FileText, ImageIcon, Mic, Sparkles } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Button } from '../../components/button';
import { Card, CardBody, CardFooter } from '../../components/card';
import { cn } from '../../lib/cn';
import { type GenerationOptions, GenerationOptionsFields } from './generation-options';
import { PhotoSource } from './photo-source';
import { engineLabels, type StudioRules } from './studio-api-types';
import { StudioError } from './studio-errors';
import { useCreateGeneration, useUploadImage, useUploadVoiceNote } from './studio-queries';
import { type AudioClip, VoiceSource } from './voice-source';

type Source = 'text' | 'voice' | 'photo';

const SOURCES: Array<{ id: Source; label: string; icon: ReactNode }> = [
  { id: 'text', label: 'Article', icon: <FileText className="size-4" aria-hidden /> },
  { id: 'voice', label: 'Voice note', icon: <Mic className="size-4" aria-hidden /> },
  { id: 'photo', label: 'Photo', icon: <ImageIcon className="size-4" aria-hidden /> },
];

const numbers = new Intl.NumberFormat('en');

export function Composer({
  workspaceId,
  rules,
  canGenerate,
  onGenerated,
  onConversation,
}: {
  workspaceId: string;
  rules: StudioRules;
  canGenerate: boolean;
  onGenerated: (generationId: string) => void;
  onConversation: (conversationId: string) => void;
}) {
  const [source, setSource] = useState<Source>('text');
  const [text, setText] = useState('');
  const [clip, setClip] = useState<AudioClip | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [words, setWords] = useState('');
  const [options, setOptions] = useState<GenerationOptions>({
    platforms: ['x', 'linkedin'],
    tone: 'educational',
    language: 'auto',
  });
  const generate = useCreateGeneration(workspaceId);
  const uploadVoice = useUploadVoiceNote(workspaceId);
  const uploadImage = useUploadImage(workspaceId);

  const used = text.length;
  const tooLong = used > rules.maxInputChars;
  const sourceReady =
    source === 'text'
      ? text.trim().length > 0 && !tooLong
      : source === 'voice'
        ? clip !== null
        : photo !== null;
  const busy = generate.isPending || uploadVoice.isPending || uploadImage.isPending;
  const error =
    source === 'text' ? generate.error : source === 'voice' ? uploadVoice.error : uploadImage.error;
  const language = options.language === 'auto' ? undefined : options.language;
  const common = { platforms: options.platforms, tone: options.tone, language };

  function handleGenerate() {
    if (source === 'text') {
      generate.mutate({ text, ...common }, { onSuccess: (generation) => onGenerated(generation.id) });
    } else if (source === 'voice' && clip) {
      uploadVoice.mutate(
        { audio: clip.blob, fileName: clip.fileName, durationSeconds: clip.durationSeconds, ...common },
        {
          onSuccess: (conversation) => {
            setClip(null);
            onConversation(conversation.id);
          },
        },
      );
    } else if (source === 'photo' && photo) {
      uploadImage.mutate(
        {
          image: photo,
          description: description.trim() || undefined,
          text: words.trim() || undefined,
          ...common,
        },
        {
          onSuccess: (conversation) => {
            setPhoto(null);
            setDescription('');
            setWords('');
            onConversation(conversation.id);
          },
        },
      );
    }
  }

  return (
    <Card>
      <div
        role="tablist"
        aria-label="Source"
        className="flex gap-1 border-b border-gray-100 px-3 pt-3 sm:px-4"
      >
        {SOURCES.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`studio-tab-${item.id}`}
            aria-controls="studio-source-panel"
            aria-selected={source === item.id}
            onClick={() => setSource(item.id)}
            className={cn(
              '-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600',
              source === item.id
                ? 'border-indigo-600 text-indigo-700'
                : 'border-transparent text-gray-500 hover:text-gray-800',
            )}
          >
            {item.icon}
            {item.label}
          </button>
        ))}
      </div>
      <CardBody className="space-y-6">
        <div role="tabpanel" id="studio-source-panel" aria-labelledby={`studio-tab-${source}`}>
          {source === 'text' ? (
            <div className="space-y-1.5">
              <div className="flex items-baseline justify-between gap-3">
                <label htmlFor="studio-source" className="text-sm font-medium text-gray-800">
                  Article
                </label>
                <span
                  className={cn(
                    'text-xs tabular-nums',
                    tooLong ? 'font-semibold text-red-700' : 'text-gray-500',
                  )}
                  data-testid="source-count"
                >
                  {numbers.format(used)} / {numbers.format(rules.maxInputChars)} characters
                </span>
              </div>
              <textarea
                id="studio-source"
                rows={12}
                value={text}
                onChange={(event) => setText(event.target.value)}
                placeholder="Paste an article, a blog post or notes — plain text or Markdown."
                aria-invalid={tooLong || undefined}
                className={cn(
                  'block w-full resize-y rounded-lg border-0 bg-white px-3 py-2.5 text-sm leading-relaxed text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset placeholder:text-gray-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none focus:ring-inset',
                  tooLong && 'ring-red-400',
                )}
              />
              {tooLong ? (
                <p className="text-xs text-red-700">
                  That is {numbers.format(used - rules.maxInputChars)} characters over the limit. Trim it to
                  generate.
                </p>
              ) : null}
            </div>
          ) : source === 'voice' ? (
            <VoiceSource clip={clip} onClip={setClip} />
          ) : (
            <PhotoSource
              photo={photo}
              onPhoto={setPhoto}
              description={description}
              onDescription={setDescription}
              words={words}
              onWords={setWords}
            />
          )}
        </div>
        <GenerationOptionsFields
          value={options}
          onChange={setOptions}
          available={rules.platforms}
          tones={rules.tones}
        />
        <StudioError error={error} workspaceId={workspaceId} />
      </CardBody>
      <CardFooter className="justify-between">
        <p className="mr-auto text-xs text-gray-500">
          Engine: {engineLabels[rules.engine.kind] ?? rules.engine.kind}
          {rules.engine.kind !== 'local' && rules.engine.model ? ` · ${rules.engine.model}` : ''} ·{' '}
          <Link
            to="/w/$workspaceId/ai-provider"
            params={{ workspaceId }}
            className="text-indigo-700 underline-offset-2 hover:underline"
          >
            Change
          </Link>
        </p>
        <Button
          onClick={handleGenerate}
          isLoading={busy}
          disabled={!canGenerate || !sourceReady || options.platforms.length === 0}
          icon={<Sparkles className="size-4" aria-hidden />}
        >
          {source === 'text' ? 'Generate' : 'Upload and generate'}
        </Button>
      </CardFooter>
    </Card>
  );
}
