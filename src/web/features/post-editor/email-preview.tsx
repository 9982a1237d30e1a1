// The stored HTML is a fragment (paragraphs, lists, headings); the preview gives it a page to sit in.
const previewStyle =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:15px;line-height:1.6;color:#111827;max-width:600px;margin:0 auto;padding:16px 20px}h1,h2,h3{line-height:1.3}a{color:#4f46e5}';

function previewDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${previewStyle}</style></head><body>${html}</body></html>`;
}

/** The email as a reader's client would show it, in an iframe with every sandbox restriction on. */
export function EmailPreview({ html, subject }: { html: string; subject: string }) {
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-gray-800">HTML preview</p>
      <div className="overflow-hidden rounded-lg ring-1 ring-gray-200">
        <div className="border-b border-gray-100 bg-gray-50 px-3 py-2 text-xs text-gray-600">
          <span className="font-medium text-gray-800">Subject:</span> {subject || '(no subject)'}
        </div>
        <iframe
          title="Email HTML preview"
          sandbox=""
          srcDoc={previewDocument(html)}
          className="block h-80 w-full bg-white"
          referrerPolicy="no-referrer"
        />
      </div>
    </div>
  );
}
