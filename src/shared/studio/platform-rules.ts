// PLATFORM RULES — one module holds every platform's limits (as configuration) and the checks and
// repairs that use them. Shared by the server (engines, generations service, before anything is
// stored) and the web UI (live counters and warnings as the user types), so everything under it is
// pure: no Node or DOM APIs.
//
// How it counts: X by twitter-text's weighted length (CJK and emoji weigh 2, every URL 23),
// everything else in Unicode code points. The rules check the text as composed for posting
// (renderPost), never the parts alone.
//
// X threads (see x-thread.ts): tweets are numbered `1/n ` and the number counts toward the limit;
// a single tweet is not numbered. The output's `hashtags` are posted at the end of the last tweet:
// renderPost appends any listed hashtag the thread does not already contain, so the last tweet is
// checked with them.
//
// Invariant: repairOutput's result, when not null, passes checkOutput.
export { escapeHtml, htmlSafetyProblems, textToEmailHtml } from './email-html.ts';
export { checkOutput, countFields, renderPost, renderTiktokScript } from './platform-check.ts';
export {
  defaultPlatformLimits,
  type FieldCount,
  type PlatformLimits,
  type RuleViolation,
} from './platform-limits.ts';
export { repairOutput } from './platform-repair.ts';
export {
  characterCount,
  countLinks,
  hashtagsIn,
  normalizeHashtag,
  normalizeHashtags,
  weightedLengthX,
} from './text-measure.ts';
export { endWithEllipsis, normalizeWhitespace, splitText, trimToFit } from './text-split.ts';
export { buildXThread, numberTweets, stripNumbering } from './x-thread.ts';
