import { FileAudio, Mic, Square, X } from 'lucide-react';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';

export interface AudioClip {
  blob: Blob;
  fileName: string;
  durationSeconds?: number;
}

export const audioAccept =
  '.webm,.ogg,.mp3,.wav,.m4a,audio/webm,audio/ogg,audio/mpeg,audio/wav,audio/x-wav,audio/mp4,audio/x-m4a';

const RECORDING_TYPES: Array<[string, string]> = [
  ['audio/webm;codecs=opus', 'webm'],
  ['audio/webm', 'webm'],
  ['audio/ogg;codecs=opus', 'ogg'],
  ['audio/mp4', 'm4a'],
];

function formatDuration(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function stopTracks(stream: MediaStream | undefined) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function useRecorder(onDone: (clip: AudioClip) => void) {
  const [recording, setRecording] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const recorderRef = useRef<MediaRecorder | null>(null);
  const startedRef = useRef(0);

  useEffect(() => {
    if (!recording) return;
    const timer = window.setInterval(() => setElapsed((Date.now() - startedRef.current) / 1000), 250);
    return () => window.clearInterval(timer);
  }, [recording]);

  // Leaving the page mid-recording must release the microphone.
  useEffect(() => () => stopTracks(recorderRef.current?.stream), []);

  async function start() {
    setError(null);
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setError('This browser cannot record audio here (recording needs HTTPS). Upload a file instead.');
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError('Microphone access was refused. Allow it in the browser, or upload a file instead.');
      return;
    }
    const [mimeType, extension] = RECORDING_TYPES.find(([type]) => MediaRecorder.isTypeSupported(type)) ?? [
      '',
      'webm',
    ];
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onstop = () => {
      stopTracks(stream);
      const seconds = (Date.now() - startedRef.current) / 1000;
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0] ?? 'audio/webm';
      onDone({
        blob: new Blob(chunks, { type }),
        fileName: `voice-note.${extension}`,
        durationSeconds: Math.max(1, Math.round(seconds)),
      });
      setRecording(false);
    };
    recorderRef.current = recorder;
    startedRef.current = Date.now();
    setElapsed(0);
    recorder.start(1000);
    setRecording(true);
  }

  function stop() {
    recorderRef.current?.stop();
  }

  return { recording, elapsed, error, start, stop };
}

export function VoiceSource({
  clip,
  onClip,
}: {
  clip: AudioClip | null;
  onClip: (clip: AudioClip | null) => void;
}) {
  const recorder = useRecorder(onClip);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!clip) return setUrl(null);
    const objectUrl = URL.createObjectURL(clip.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [clip]);

  function handleFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onClip({ blob: file, fileName: file.name });
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-gray-600">
        Talk it through, and Herald transcribes it (when a transcription model is set up) and writes from the
        transcript. Without one, you type the transcript after uploading.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {recorder.recording ? (
          <Button variant="danger" onClick={recorder.stop} icon={<Square className="size-4" aria-hidden />}>
            Stop recording
          </Button>
        ) : (
          <Button
            variant="secondary"
            onClick={() => void recorder.start()}
            icon={<Mic className="size-4" aria-hidden />}
          >
            Record voice note
          </Button>
        )}
        {recorder.recording ? (
          <span
            role="timer"
            aria-live="off"
            className="flex items-center gap-2 text-sm font-medium text-red-700"
          >
            <span className="size-2 animate-pulse rounded-full bg-red-600" aria-hidden />
            Recording {formatDuration(recorder.elapsed)}
          </span>
        ) : (
          <label className="inline-flex h-9 cursor-pointer items-center gap-2 rounded-lg bg-white px-3.5 text-sm font-medium text-gray-900 shadow-sm ring-1 ring-gray-300 ring-inset hover:bg-gray-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600">
            <FileAudio className="size-4" aria-hidden />
            Upload audio
            <input type="file" accept={audioAccept} className="sr-only" onChange={handleFile} />
          </label>
        )}
      </div>
      <ErrorBanner message={recorder.error} />
      {clip && url && !recorder.recording ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg bg-gray-50 p-3 ring-1 ring-gray-200">
          {/* biome-ignore lint/a11y/useMediaCaption: the user's own voice note, being checked before upload */}
          <audio controls src={url} className="h-9 max-w-full min-w-0 flex-1" />
          <span className="text-xs text-gray-600">
            {clip.fileName}
            {clip.durationSeconds ? ` · ${formatDuration(clip.durationSeconds)}` : ''}
          </span>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onClip(null)}
            icon={<X className="size-3.5" aria-hidden />}
          >
            Discard
          </Button>
        </div>
      ) : null}
    </div>
  );
}
